package io.fleetopt.core.port;

public enum LedgerAction { APPLIED, ROLLED_BACK }
