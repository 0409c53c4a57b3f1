package dev.quiver.server.internal;

/** A request that cannot be served: carries the HTTP status and a message that says what to do. */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public static HttpError conflict(String message) {
        return new HttpError(409, message);
    }
}
