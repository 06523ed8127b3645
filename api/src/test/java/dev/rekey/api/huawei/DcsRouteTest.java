package dev.rekey.api.huawei;

import dev.rekey.api.Refusal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcsRouteTest {
    static final String P = "/v2/0123456789abcdef0123456789abcdef/instances";

    private static String refusedCode(String method, String path) {
        return assertThrows(Refusal.class, () -> DcsRoute.match(method, path)).code();
    }

    @Test
    void everyServedOperationIsRecognisedByMethodAndPath() {
        assertEquals(DcsRoute.LIST_INSTANCES, DcsRoute.match("GET", P).route());
        assertEquals(DcsRoute.SHOW_INSTANCE, DcsRoute.match("GET", P + "/abc-1").route());
        assertEquals(DcsRoute.UPDATE_PASSWORD, DcsRoute.match("PUT", P + "/abc-1/password").route());
        assertEquals(DcsRoute.RESET_PASSWORD, DcsRoute.match("POST", P + "/abc-1/password/reset").route());
        var v1 = DcsRoute.match("PUT", "/v1.0/0123456789abcdef0123456789abcdef/instances/abc-1/password");
        assertEquals(DcsRoute.UPDATE_PASSWORD_V1, v1.route());
        assertTrue(v1.v1());
        assertEquals("0123456789abcdef0123456789abcdef", v1.projectId());
        assertEquals("abc-1", v1.instanceId());
    }

    @Test
    void theInstanceIdIsDecodedAndListHasNone() {
        assertEquals("a b/c", DcsRoute.match("GET", P + "/a%20b%2Fc").instanceId());
        assertNull(DcsRoute.match("GET", P + "/").instanceId());
        assertFalse(DcsRoute.match("GET", P).v1());
    }

    @Test
    void unknownPathsAre4001AndOtherMethodsOnKnownPaths5001() {
        assertEquals("DCS.4001", refusedCode("GET", "/v2/p/backups"));
        assertEquals("DCS.4001", refusedCode("GET", P + "/abc-1/tasks"));
        assertEquals("DCS.4001", refusedCode("GET", "/v1.0/p/instances/abc-1"));
        assertEquals("DCS.4001", refusedCode("PUT", P + "/abc-1/password/reset/again"));
        assertEquals("DCS.5001", refusedCode("POST", P + "/abc-1/password"));
        assertEquals("DCS.5001", refusedCode("PUT", P + "/abc-1/password/reset"));
        assertEquals("DCS.5001", refusedCode("DELETE", P + "/abc-1"));
        assertEquals("DCS.5001", refusedCode("POST", P));
    }

    @Test
    void theV1ShapeIsChosenByPath() {
        assertTrue(DcsPath.isV1Path("/v1.0/p/whatever"));
        assertFalse(DcsPath.isV1Path("/v2/p/instances"));
    }
}
