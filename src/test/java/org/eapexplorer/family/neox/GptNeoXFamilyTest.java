package org.eapexplorer.family.neox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GptNeoXFamilyTest {

    /**
     * query_key_value's rows, head by head [q|k|v] (modeling_gpt_neox.py views its output as [..., heads, 3·head_size]
     * and splits the last axis in three), become q of every head, then k, then v.
     */
    @Test
    void fusedQkvRowsAreRegroupedQueriesFirst() {
        // 2 heads, head size 1, one column: rows q0 k0 v0 q1 k1 v1
        float[] rows = {100, 200, 300, 101, 201, 301};
        assertArrayEquals(new float[] {100, 101, 200, 201, 300, 301}, GptNeoXFamily.headMajorToQkvMajor(rows, 2, 1, 1));
        // head size 2, two columns: each row keeps its columns
        float[] wide = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = i;
        }
        float[] out = GptNeoXFamily.headMajorToQkvMajor(wide, 2, 2, 2);
        // head 1's q rows (rows 6, 7 of the input) are rows 2, 3 of the output
        assertArrayEquals(new float[] {12, 13, 14, 15}, java.util.Arrays.copyOfRange(out, 4, 8));
        // head 0's k rows (rows 2, 3) are rows 4, 5
        assertArrayEquals(new float[] {4, 5, 6, 7}, java.util.Arrays.copyOfRange(out, 8, 12));
    }
}
