package dev.portico.apikey;

/** DynamoDB could not be asked (unreachable, throttling, no permission): what the failure policy decides on. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
