package dev.quiver.server.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server. On the loopback interface only this machine can connect, but any web
 * page open in its browser can still send requests: state-changing requests therefore need a custom
 * header (which a cross-site page cannot add without a CORS preflight this server never grants) and
 * a same-origin {@code Origin}/{@code Sec-Fetch-Site}; the {@code Host} header must name the loopback
 * address, which defeats DNS rebinding. Bound to any other address, every request also needs the
 * access token, as the {@code X-Quiver-Token} header or the cookie set by opening the printed URL.
 */
final class Security {
    static final String TOKEN_HEADER = "X-Quiver-Token";
    static final String REQUESTED_WITH = "X-Requested-With";
    static final String COOKIE = "quiver_token";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String token;
    private final boolean tokenRequired;

    Security(String token, boolean tokenRequired) {
        this.token = token;
        this.tokenRequired = tokenRequired;
    }

    boolean tokenRequired() {
        return tokenRequired;
    }

    /** Throws an {@link HttpError} (401 or 403) naming what is missing when the request may not proceed. */
    void check(HttpExchange ex) {
        Headers h = ex.getRequestHeaders();
        String host = h.getFirst("Host");
        if (!tokenRequired && (host == null || !LOOPBACK_HOSTS.contains(hostName(host)))) {
            throw new HttpError(403, "Host '" + host + "' is not served: this server listens on the loopback"
                    + " address only. Open http://127.0.0.1:<port>/ instead, or start it with --host to serve other"
                    + " names.");
        }
        if (tokenRequired && !hasToken(ex)) {
            throw new HttpError(401, "This server needs its access token: open the URL printed when it started"
                    + " (it ends in ?token=…), or send the token in the " + TOKEN_HEADER + " header.");
        }
        if (!SAFE_METHODS.contains(ex.getRequestMethod().toUpperCase(Locale.ROOT))) {
            checkSameOrigin(h, host);
        }
    }

    private static void checkSameOrigin(Headers h, String host) {
        if (h.getFirst(TOKEN_HEADER) == null && h.getFirst(REQUESTED_WITH) == null) {
            throw new HttpError(403, "Refused a state-changing request without the " + REQUESTED_WITH + " or "
                    + TOKEN_HEADER + " header (cross-site request protection). Send '" + REQUESTED_WITH
                    + ": quiver'.");
        }
        String site = h.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpError(403, "Refused a request from another site (Sec-Fetch-Site: " + site
                    + "). Use the editor served by this server.");
        }
        String origin = h.getFirst("Origin");
        if (origin != null && !origin.equals("null")) {
            String originHost;
            try {
                originHost = URI.create(origin).getRawAuthority();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !originHost.equalsIgnoreCase(host)) {
                throw new HttpError(403, "Refused a request from origin '" + origin + "', which is not this server ("
                        + host + "). Use the editor served by this server.");
            }
        } else if ("null".equals(origin)) {
            throw new HttpError(403, "Refused a request from an opaque origin. Use the editor served by this server.");
        }
    }

    static String hostName(String hostHeader) {
        String hh = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (hh.startsWith("[")) {
            int end = hh.indexOf(']');
            return end < 0 ? hh : hh.substring(0, end + 1);
        }
        int colon = hh.lastIndexOf(':');
        return colon < 0 ? hh : hh.substring(0, colon);
    }

    boolean hasToken(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (header != null) {
            return matches(header);
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String c : cookies.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && matches(kv[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean matches(String candidate) {
        // Constant time, so the token cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    String cookie() {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }
}
