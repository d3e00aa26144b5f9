package dev.receipts.mailets.core.pixels;

/** Why {@link TrackingPixelDetector} took a remote image for a tracking pixel, strongest first. */
public enum PixelReason {
    /** Its URL carries a recipient's address (as is, URL-encoded or Base64). */
    RECIPIENT_ADDRESS,
    /** Its host (and path) is on the tracker list. */
    TRACKER_HOST,
    /** Its path is an open-tracking endpoint ({@code /wf/open?upn=}, {@code /track/open.php}, {@code /open.aspx}). */
    TRACKER_PATH,
    /** It is 1×1 or smaller, or 0 in one dimension. */
    TINY,
    /** CSS or the {@code hidden} attribute hide it or an ancestor. */
    HIDDEN,
    /** It has no size, no image file name, and a long opaque token in its URL. */
    OPAQUE_TOKEN
}
