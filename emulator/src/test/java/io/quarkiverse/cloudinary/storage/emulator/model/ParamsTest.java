package io.quarkiverse.cloudinary.storage.emulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The forms array parameters come in all read as one parameter, also when signatures are checked. */
class ParamsTest {

    @Test
    void bracketsIndexesAndRepetitionsAreOneParameter() {
        Params params = Params.empty();
        params.add("public_ids[]", "a");
        params.add("public_ids[1]", "b");
        params.add("public_ids", "c");
        params.add("public_ids[12]", " ");
        params.add("tags[0]", "x,y");
        params.add("tags[1]", "z");
        params.add("context[custom]", "kept as named");
        assertEquals(List.of("a", "b", "c"), params.list("public_ids"));
        assertEquals(List.of("x", "y", "z"), params.commaList("tags"));
        assertEquals(List.of("kept as named"), params.list("context[custom]"), "only array suffixes are read away");
        assertEquals(Set.of("public_ids", "tags", "context[custom]"), params.givenNames());
    }

    @Test
    void indexedArraysAreSignedLikeTheOtherForms() {
        Params indexed = Params.empty();
        indexed.add("public_ids[0]", "a");
        indexed.add("public_ids[1]", "b");
        indexed.add("timestamp", "1");
        Params brackets = Params.empty();
        brackets.add("public_ids[]", "a");
        brackets.add("public_ids[]", "b");
        brackets.add("timestamp", "1");
        assertEquals("public_ids=a,b&timestamp=1", Signatures.stringToSign(indexed.asMap()));
        assertEquals(Signatures.stringToSign(brackets.asMap()), Signatures.stringToSign(indexed.asMap()));
    }
}
