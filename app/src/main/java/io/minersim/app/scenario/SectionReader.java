package io.minersim.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/** What a section of a scenario's miner is read with: the loader's problem list and its number reading. */
interface SectionReader {
    /** Reports a problem at a JSON path. */
    void problem(String path, String message);

    /** A whole number at {@code path}, {@code absent} when missing; a problem and {@code absent} when out of range. */
    long longValue(JsonNode node, String path, long absent);
}
