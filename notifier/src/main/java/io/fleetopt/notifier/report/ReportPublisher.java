package io.fleetopt.notifier.report;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.notifier.ReportKeys;

/** Stores a run's weekly report in the artifact store as HTML, Markdown and JSON, and links to the HTML page. */
public final class ReportPublisher {

    private final ArtifactStore store;
    private final DocumentCodec codec;
    private final ReportLinks links;

    public ReportPublisher(ArtifactStore store, DocumentCodec codec, ReportLinks links) {
        this.store = store;
        this.codec = codec;
        this.links = links;
    }

    /** Links to the stored file itself (local runs: the file path). */
    public static ReportPublisher located(ArtifactStore store, DocumentCodec codec) {
        return new ReportPublisher(store, codec, key -> ReportLink.permanent(store.locate(key)));
    }

    public ReportLink publish(WeeklyReport report) {
        String html = ReportKeys.report(report.runId(), "html");
        store.put(ReportKeys.report(report.runId(), "md"), MarkdownReport.render(report));
        store.put(ReportKeys.report(report.runId(), "json"), codec.write(report));
        store.put(html, HtmlReport.render(report));
        return links.link(html);
    }
}
