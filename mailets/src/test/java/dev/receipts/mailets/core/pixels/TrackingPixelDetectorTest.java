package dev.receipts.mailets.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingPixelDetectorTest {
    private final TrackingPixelDetector testee = new TrackingPixelDetector(TrackerHosts.defaults(), List.of("bob@corp.example"));

    private static Element img(String html) {
        return Jsoup.parse("<html><body>" + html + "</body></html>").selectFirst("img");
    }

    private Optional<PixelReason> reason(String html) {
        return testee.detect(img(html)).map(TrackingPixelDetector.Finding::reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://news.example.com/p.gif\" width=\"1\" height=\"1\">",
        "<img src=\"https://news.example.com/p.gif\" width=\"1px\" height=\"1px\">",
        "<img src=\"https://news.example.com/p.gif\" width=\"0\" height=\"0\">",
        "<img src=\"https://news.example.com/p.gif\" width=\"600\" height=\"0\">",
        "<img src=\"https://news.example.com/p.gif\" width=\"1\">",
        "<img src=\"https://news.example.com/p.gif\" style=\"width:1px;height:1px\">",
        "<img src=\"https://news.example.com/p.gif\" style=\"WIDTH: 0PX !important\" width=\"300\" height=\"80\">",
        "<img src=\"//news.example.com/p.gif\" height=\"1\" width=\"1\">",
        // A remote 1×1 spacer is fetched like any pixel, so the sender's server learns of the open all the same;
        // neutralized, it stays a 1×1 transparent image, so the layout does not change.
        "<img src=\"https://image.email.outfitters.example/lib/fe8a1/m/1/spacer.gif\" width=\"1\" height=\"1\" alt=\"\">"
    })
    void detectShouldCatchTinyRemoteImages(String html) {
        assertThat(reason(html)).contains(PixelReason.TINY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://news.example.com/p.gif\" style=\"display:none\">",
        "<img src=\"https://news.example.com/p.gif\" style=\"visibility: hidden\">",
        "<img src=\"https://news.example.com/p.gif\" style=\"opacity:0\">",
        "<img src=\"https://news.example.com/p.gif\" style=\"max-height:0\">",
        "<img src=\"https://news.example.com/p.gif\" hidden>",
        "<div style=\"display:none!important\"><span><img src=\"https://news.example.com/p.gif\"></span></div>",
        "<div style=\"max-height:0px;overflow:hidden\"><img src=\"https://news.example.com/p.gif\"></div>"
    })
    void detectShouldCatchRemoteImagesHiddenByCss(String html) {
        assertThat(reason(html)).contains(PixelReason.HIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://corpexample.us21.list-manage.com/track/open.php?u=1&id=2&e=3\">",
        "<img src=\"https://mandrillapp.com/track/open.php?u=1234\">",
        "<img src=\"https://u123.ct.sendgrid.net/wf/open?upn=abc\">",
        "<img src=\"https://t.yesware.com/t/1/o.gif\">",
        "<img src=\"https://t.hubspotemail.net/e2t/to/VWxX8p6ZKyJ7W3pFq7q5Lqv1bW1Y9sJk5\">",
        "<img src=\"https://d2Ll8V04.na1.hubspotemail.net/e2t/to/VWxX8p6ZKyJ7W3pFq7q5Lqv1bW1Y9sJk5\" width=\"600\" height=\"10\">",
        "<img src=\"https://mailtrack.io/trace/mail/1.png\">",
        "<img src=\"https://r.superhuman.com/x.gif\">",
        "<img src=\"https://r.eu-west-1.awstrack.me/I0/0102/abc/1\">",
        "<img src=\"HTTPS://MAILFOOGAE.APPSPOT.COM/t?guid=1\">"
    })
    void detectShouldCatchKnownTrackerHostsWhateverTheSize(String html) {
        assertThat(reason(html)).contains(PixelReason.TRACKER_HOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://url9412.shop.example/wf/open?upn=u001.abc\">",
        "<img src=\"https://click.mail.retailer.example/open.aspx?ffcb10-fe8a1\">",
        "<img src=\"https://news.brand.example/track/open.php?u=1\">"
    })
    void detectShouldCatchOpenEndpointsOnBrandedDomains(String html) {
        assertThat(reason(html)).contains(PixelReason.TRACKER_PATH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://img.retailer.example/banner/bob@corp.example/spring.png\" width=\"600\" height=\"200\">",
        "<img src=\"https://img.retailer.example/o?r=BOB%40CORP.EXAMPLE\">",
        "<img src=\"https://img.retailer.example/o?r=Ym9iQGNvcnAuZXhhbXBsZQ%3D%3D\">",
        "<img src=\"https://img.retailer.example/o/Ym9iQGNvcnAuZXhhbXBsZQ\">"
    })
    void detectShouldCatchUrlsCarryingTheRecipientAddress(String html) {
        assertThat(reason(html)).contains(PixelReason.RECIPIENT_ADDRESS);
    }

    @Test
    void detectShouldCatchAnUnsizedImageWithAnOpaqueTokenAndNoFileName() {
        assertThat(reason("<img src=\"https://email.mg.shop.example/o/eyJwIjoiMTIzNDU2Nzg5MGFiY2RlZiIsImgiOiJ4eXoifQ\">"))
            .contains(PixelReason.OPAQUE_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"https://www.corp.example/logo.png\" width=\"600\" height=\"120\">",
        "<img src=\"https://www.corp.example/divider.png\" width=\"600\" height=\"1\">",
        "<img src=\"https://images.cdn.example/c/corp/team-photo\">",
        "<img src=\"https://mcusercontent.com/3f9c1e0a5b7d2c4e6f8a9b0c1d2e3f4a/images/8a7c6d5e-4f3b-2a19-8c7d-6e5f4a3b2c1d.png\">",
        "<img src=\"https://email.mg.shop.example/o/eyJwIjoiMTIzNDU2Nzg5MGFiY2RlZiIsImgiOiJ4eXoifQ\" width=\"300\" height=\"100\">",
        "<img src=\"cid:spacer@corp.example\" width=\"1\" height=\"1\">",
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" width=\"1\" height=\"1\">",
        "<img src=\"spacer.gif\" width=\"1\" height=\"1\">",
        "<img src=\"https://www.corp.example/logo.png\" style=\"display:inline !important;max-width:1200px\" width=\"564\">",
        "<img src=\"https://list-manage.com.evil.example.org/logo.png\" width=\"100\" height=\"50\">",
        "<img src=\"https://notmailtrack.io/logo.png\" width=\"100\" height=\"50\">",
        "<img src=\"https://sendgrid.net/images/logo.png\" width=\"100\" height=\"50\">",
        // Spacers one pixel thin in one direction only hold a table cell open: a 1×20 or 20×1 is layout, not a pixel.
        "<img src=\"http://image.s7.exct.net/lib/fe8a1/m/1/spacer.gif\" width=\"1\" height=\"20\">",
        "<img src=\"http://image.s7.exct.net/lib/fe8a1/m/1/spacer.gif\" width=\"20\" height=\"1\" style=\"display:block\">",
        // HubSpot's own image hosting (logos, heroes, social icons) is not its tracker.
        "<img src=\"https://hs-5412.f.hubspotemail.net/hub/5412/hubfs/brand/logo.png?width=240&upscale=true\" width=\"120\">",
        "<img src=\"https://hs-5412.f.hubspotemail.net/hs/hsstatic/TemplateAssets/img/linkedin_circle_color.png\" height=\"25\" width=\"25\">",
        "<img src=\"https://cdn-images.mailchimp.com/icons/social-block-v2/color-facebook-48.png\" width=\"24\" height=\"24\">",
        "<img class=\"mobile-only\" src=\"https://cdn.shop.example/hero-mobile.jpg\" width=\"320\" style=\"display:none\">",
        "<div class=\"show-on-mobile\" style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">"
            + "<img src=\"https://cdn.shop.example/hero-mobile.jpg\" width=\"320\" height=\"160\"></div>"
    })
    void detectShouldLeaveRealAndLocalImagesAlone(String html) {
        assertThat(reason(html)).isEmpty();
    }

    @Test
    void detectShouldOnlyUseConfiguredHostsWithoutTheDefaults() {
        TrackingPixelDetector ownListOnly = new TrackingPixelDetector(TrackerHosts.of(List.of("t.intranet.example")), List.of());

        assertThat(ownListOnly.detect(img("<img src=\"https://t.yesware.com/t/1/o.gif\">"))).isEmpty();
        assertThat(ownListOnly.detect(img("<img src=\"https://a.t.intranet.example/x\">")))
            .map(TrackingPixelDetector.Finding::reason).contains(PixelReason.TRACKER_HOST);
    }

    @Test
    void detectShouldReportTheUrlItWouldHaveLoaded() {
        assertThat(testee.detect(img("<img src=\" https://t.yesware.com/t/1/o.gif \">")))
            .map(TrackingPixelDetector.Finding::url).contains("https://t.yesware.com/t/1/o.gif");
    }
}
