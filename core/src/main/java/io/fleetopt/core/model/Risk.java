package io.fleetopt.core.model;

public enum Risk { LOW, MEDIUM, HIGH }
