package io.fleetopt.core.port;

/** ROLLBACK: a guard alarm fired and its function's changes were restored (or left alone, with the reason). */
public enum MessageKind { APPROVAL_REQUEST, SUMMARY, NO_CHANGES, FAILURE, EXPIRED, REJECTED, ROLLBACK }
