package io.fleetopt.core.model;

/** APPLY: the applier may change it once approved. REPORT_ONLY: its owner has to act. */
public enum Action { APPLY, REPORT_ONLY }
