package io.fleetopt.core.model;

public enum Confidence { LOW, MEDIUM, HIGH }
