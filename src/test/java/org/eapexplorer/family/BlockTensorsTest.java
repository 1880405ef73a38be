package org.eapexplorer.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The layout changes family readers make: element by element on small arrays whose values name their position. */
class BlockTensorsTest {

    @Test
    void transposeTurnsLinearsOutInIntoInOut() {
        float[] outIn = {1, 2, 3, 4, 5, 6};           // [2 out, 3 in]
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, BlockTensors.transpose(outIn, 2, 3));
    }

    /** repeat_kv: with 4 query heads and 2 key/value heads, query heads 0 and 1 read kv head 0, heads 2 and 3 kv head 1. */
    @Test
    void ungroupGivesEveryQueryHeadItsKeyValueHeadsRows() {
        float[] kv = {10, 11, 12, 13, 20, 21, 22, 23};  // 2 heads × e 2 × w 2
        assertArrayEquals(new float[] {10, 11, 12, 13, 10, 11, 12, 13, 20, 21, 22, 23, 20, 21, 22, 23},
                BlockTensors.ungroup(kv, 2, 4, 2, 2));
        assertArrayEquals(new float[] {7, 7, 8, 8}, BlockTensors.ungroup(new float[] {7, 8}, 2, 4, 1, 1), "biases: e = 1, w = 1");
    }

    @Test
    void concatStacksRowBlocks() {
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, BlockTensors.concat(new float[] {1, 2}, new float[] {3}, new float[] {4, 5}));
    }
}
