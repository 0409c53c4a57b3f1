package dev.quiver.nodes.features;

import java.util.function.DoubleUnaryOperator;

/**
 * One-dimensional minimisation by Brent's method after a downhill bracket search: a port of
 * scipy.optimize.brent (bracket from two starting points, tol 1.48e-8), which scikit-learn's
 * PowerTransformer calls with the bracket (−2, 2). A port rather than a library because the pinned
 * Hipparchus 4.0.2 jars (core, stat) carry no optimiser (that is hipparchus-optim), and following
 * scipy step by step makes the λ of Box-Cox and Yeo-Johnson agree with scikit-learn far inside the
 * optimiser's tolerance.
 */
final class Brent {
    private static final double GOLD = 1.618034;
    private static final double VERY_SMALL = 1e-21;
    private static final double GROW_LIMIT = 110.0;
    private static final double TOL = 1.48e-8;
    private static final double MIN_TOL = 1.0e-11;
    private static final double CG = 0.3819660;
    private static final int MAX_ITER = 500;

    private Brent() {
    }

    /** The minimiser of {@code f}, searching downhill from the starting points {@code xa} and {@code xb}. */
    static double minimize(DoubleUnaryOperator f, double xa, double xb) {
        // Bracket: find xa, xb, xc with f(xb) below f(xa) and f(xc) (scipy.optimize.bracket).
        double fa = f.applyAsDouble(xa);
        double fb = f.applyAsDouble(xb);
        if (fa < fb) {
            double t = xa;
            xa = xb;
            xb = t;
            t = fa;
            fa = fb;
            fb = t;
        }
        double xc = xb + GOLD * (xb - xa);
        double fc = f.applyAsDouble(xc);
        int iter = 0;
        bracket:
        while (fc < fb) {
            double tmp1 = (xb - xa) * (fb - fc);
            double tmp2 = (xb - xc) * (fb - fa);
            double val = tmp2 - tmp1;
            double denom = Math.abs(val) < VERY_SMALL ? 2.0 * VERY_SMALL : 2.0 * val;
            double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
            double wlim = xb + GROW_LIMIT * (xc - xb);
            if (iter++ > 1000) {
                throw new ArithmeticException("No minimum found: the likelihood keeps growing");
            }
            double fw;
            if ((w - xc) * (xb - w) > 0.0) {
                fw = f.applyAsDouble(w);
                if (fw < fc) {
                    xa = xb;
                    xb = w;
                    fa = fb;
                    fb = fw;
                    break bracket;
                } else if (fw > fb) {
                    xc = w;
                    fc = fw;
                    break bracket;
                }
                w = xc + GOLD * (xc - xb);
                fw = f.applyAsDouble(w);
            } else if ((w - wlim) * (wlim - xc) >= 0.0) {
                w = wlim;
                fw = f.applyAsDouble(w);
            } else if ((w - wlim) * (xc - w) > 0.0) {
                fw = f.applyAsDouble(w);
                if (fw < fc) {
                    xb = xc;
                    xc = w;
                    w = xc + GOLD * (xc - xb);
                    fb = fc;
                    fc = fw;
                    fw = f.applyAsDouble(w);
                }
            } else {
                w = xc + GOLD * (xc - xb);
                fw = f.applyAsDouble(w);
            }
            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }

        // Brent's method inside the bracket (scipy.optimize.Brent.optimize).
        double x = xb;
        double w = xb;
        double v = xb;
        double fx = fb;
        double fw = fb;
        double fv = fb;
        double a = Math.min(xa, xc);
        double b = Math.max(xa, xc);
        double deltax = 0.0;
        double rat = 0.0;
        for (int it = 0; it < MAX_ITER; it++) {
            double tol1 = TOL * Math.abs(x) + MIN_TOL;
            double tol2 = 2.0 * tol1;
            double xmid = 0.5 * (a + b);
            if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) {
                break;
            }
            if (Math.abs(deltax) <= tol1) {
                deltax = x >= xmid ? a - x : b - x;
                rat = CG * deltax;
            } else {
                double tmp1 = (x - w) * (fx - fv);
                double tmp2 = (x - v) * (fx - fw);
                double p = (x - v) * tmp2 - (x - w) * tmp1;
                tmp2 = 2.0 * (tmp2 - tmp1);
                if (tmp2 > 0.0) {
                    p = -p;
                }
                tmp2 = Math.abs(tmp2);
                double dxTemp = deltax;
                deltax = rat;
                if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
                    rat = p * 1.0 / tmp2;
                    double u = x + rat;
                    if (u - a < tol2 || b - u < tol2) {
                        rat = xmid - x >= 0 ? tol1 : -tol1;
                    }
                } else {
                    deltax = x >= xmid ? a - x : b - x;
                    rat = CG * deltax;
                }
            }
            double u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
            double fu = f.applyAsDouble(u);
            if (fu > fx) {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    w = u;
                    fv = fw;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            } else {
                if (u >= x) {
                    a = x;
                } else {
                    b = x;
                }
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            }
        }
        return x;
    }
}
