package io.fleetopt.core.port;

public enum MessageKind { APPROVAL_REQUEST, SUMMARY, NO_CHANGES, FAILURE, EXPIRED }
