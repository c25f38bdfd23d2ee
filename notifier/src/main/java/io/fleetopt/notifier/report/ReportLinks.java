package io.fleetopt.notifier.report;

/** Makes the link a reader opens the stored report by (a presigned S3 URL in AWS, the file path locally). */
@FunctionalInterface
public interface ReportLinks {

    ReportLink link(String key);
}
