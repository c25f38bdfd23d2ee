package io.fleetopt.applier;

import io.fleetopt.core.json.InvalidDocumentException;

/**
 * A line of an approved items file that does not belong to the decision the run carries, or whose item is not the
 * one its digest was taken of: permanent, nothing about it is applied or written. The Map's Catch records the item
 * as FAILED with this error's name.
 */
public final class RefusedItemLineException extends InvalidDocumentException {

    public RefusedItemLineException(String message) {
        super(message);
    }
}
