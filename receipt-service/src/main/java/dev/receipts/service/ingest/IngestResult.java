package dev.receipts.service.ingest;

/** The answer to a batch: how many events were stored, already known, or rejected as malformed. */
public record IngestResult(int accepted, int duplicates, int rejected) {
}
