package dev.rekey.api.huawei;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcsRouteTest {
    static final String P = "/v2/0123456789abcdef0123456789abcdef/instances";

    private static String refusedCode(String method, String path) {
        return assertThrows(DcsRefusal.class, () -> DcsRoute.of(method, path)).error().code();
    }

    @Test
    void everyServedOperationIsRecognisedByMethodAndPath() {
        assertEquals(DcsRoute.Operation.LIST_INSTANCES, DcsRoute.of("GET", P).operation());
        assertEquals(DcsRoute.Operation.SHOW_INSTANCE, DcsRoute.of("GET", P + "/abc-1").operation());
        assertEquals(DcsRoute.Operation.UPDATE_PASSWORD, DcsRoute.of("PUT", P + "/abc-1/password").operation());
        assertEquals(DcsRoute.Operation.RESET_PASSWORD, DcsRoute.of("POST", P + "/abc-1/password/reset").operation());
        var v1 = DcsRoute.of("PUT", "/v1.0/0123456789abcdef0123456789abcdef/instances/abc-1/password");
        assertEquals(DcsRoute.Operation.UPDATE_PASSWORD_V1, v1.operation());
        assertTrue(v1.v1());
        assertEquals("0123456789abcdef0123456789abcdef", v1.projectId());
        assertEquals("abc-1", v1.instanceId());
    }

    @Test
    void theInstanceIdIsDecodedAndListHasNone() {
        assertEquals("a b/c", DcsRoute.of("GET", P + "/a%20b%2Fc").instanceId());
        assertNull(DcsRoute.of("GET", P + "/").instanceId());
        assertFalse(DcsRoute.of("GET", P).v1());
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
        assertTrue(DcsRoute.isV1Path("/v1.0/p/whatever"));
        assertFalse(DcsRoute.isV1Path("/v2/p/instances"));
    }
}
