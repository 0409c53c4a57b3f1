package dev.quiver.spark;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.engine.registry.NodeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The node types and port-object readers inside this job jar, found without OSGi: the node bundles
 * declare each as a Declarative Services component ({@code OSGI-INF/*.xml}), and the shaded jar keeps
 * those files. Reading them means a learner added to a bundle reaches executors with no list to keep
 * in step. Components with references are skipped: learner nodes and readers have none.
 */
final class ComponentScan {
    private static final String NODE_FACTORY = NodeFactory.class.getName();
    private static final String READER = PortObjectReader.class.getName();
    private static volatile NodeRegistry registry;

    private ComponentScan() {
    }

    /** One registry per JVM: every task of every job on an executor shares it. */
    static NodeRegistry registry() {
        NodeRegistry r = registry;
        if (r == null) {
            synchronized (ComponentScan.class) {
                r = registry;
                if (r == null) {
                    r = scan();
                    registry = r;
                }
            }
        }
        return r;
    }

    private static NodeRegistry scan() {
        List<NodeFactory<?>> factories = new ArrayList<>();
        List<PortObjectReader> readers = new ArrayList<>();
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            var xml = DocumentBuilderFactory.newInstance();
            xml.setNamespaceAware(true);
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().startsWith("OSGI-INF/") || !entry.getName().endsWith(".xml")) {
                    continue;
                }
                Document doc;
                try (InputStream in = jar.getInputStream(entry)) {
                    doc = xml.newDocumentBuilder().parse(in);
                }
                if (doc.getElementsByTagName("reference").getLength() > 0) {
                    continue;
                }
                NodeList impl = doc.getElementsByTagName("implementation");
                NodeList provides = doc.getElementsByTagName("provide");
                if (impl.getLength() == 0) {
                    continue;
                }
                String className = ((Element) impl.item(0)).getAttribute("class");
                for (int i = 0; i < provides.getLength(); i++) {
                    String service = ((Element) provides.item(i)).getAttribute("interface");
                    if (service.equals(NODE_FACTORY)) {
                        factories.add((NodeFactory<?>) instantiate(className));
                    } else if (service.equals(READER)) {
                        readers.add((PortObjectReader) instantiate(className));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the components of the Quiver job jar", e);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("A component descriptor in the Quiver job jar is damaged: " + e.getMessage(), e);
        }
        return NodeRegistry.of(factories, readers);
    }

    private static Object instantiate(String className) {
        try {
            return Class.forName(className, true, ComponentScan.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Cannot create component " + className + " of the Quiver job jar: " + e, e);
        }
    }

    private static Path jobJar() {
        try {
            return Path.of(ComponentScan.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
