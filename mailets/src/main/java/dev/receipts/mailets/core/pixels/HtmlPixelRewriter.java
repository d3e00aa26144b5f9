package dev.receipts.mailets.core.pixels;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the tracking pixels of one HTML document and, as the {@link Mode} says, neutralizes them
 * (the {@code src} becomes {@link #TRANSPARENT_GIF}, an inline 1×1 transparent GIF, and
 * {@code srcset} is removed, so the element keeps its place in the layout but nothing is fetched),
 * strips them (the {@code <img>} element is removed), or only counts them. Everything else in the
 * document is kept (jsoup re-serializes it without pretty-printing).
 */
public final class HtmlPixelRewriter {
    /** What a neutralized pixel loads instead: nothing leaves the reader's machine. */
    public static final String TRANSPARENT_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

    private HtmlPixelRewriter() {
    }

    /** The pixels of one HTML text, and the rewritten text when they were neutralized or stripped. */
    public static final class Result {
        private final List<TrackingPixelDetector.Finding> findings;
        private final String html;

        Result(List<TrackingPixelDetector.Finding> findings, String html) {
            this.findings = Collections.unmodifiableList(findings);
            this.html = html;
        }

        public List<TrackingPixelDetector.Finding> findings() {
            return findings;
        }

        /** The rewritten HTML; null when nothing was rewritten. */
        public String html() {
            return html;
        }
    }

    /**
     * @param html       the decoded HTML text
     * @param charset    the charset it will be encoded in: characters it cannot hold become entities
     * @param detector   decides what a pixel is
     * @param mode       what to do with the pixels; {@link Mode#FLAG} only counts them
     */
    public static Result process(String html, Charset charset, TrackingPixelDetector detector, Mode mode) {
        Document document = Jsoup.parse(html);
        List<TrackingPixelDetector.Finding> findings = new ArrayList<>();
        for (Element img : document.select("img[src]")) {
            detector.detect(img).ifPresent(finding -> {
                findings.add(finding);
                if (mode == Mode.NEUTRALIZE) {
                    img.attr("src", TRANSPARENT_GIF);
                    img.removeAttr("srcset");
                } else if (mode == Mode.STRIP) {
                    img.remove();
                }
            });
        }
        if (!mode.rewrites() || findings.isEmpty()) {
            return new Result(findings, null);
        }
        document.outputSettings().prettyPrint(false).charset(charset);
        return new Result(findings, document.outerHtml());
    }
}
