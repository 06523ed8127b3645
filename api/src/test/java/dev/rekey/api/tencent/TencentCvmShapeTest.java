package dev.rekey.api.tencent;

import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.ErrorCode;
import dev.rekey.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CVM dialect's shape checks and code mapping, without a server. */
class TencentCvmShapeTest {

    private static TencentParams ids(List<String> ids) {
        return new TencentParams(Map.of("InstanceIds", ids));
    }

    private static String code(Runnable r) {
        return assertThrows(TencentError.class, r::run).code();
    }

    @Test
    void wellFormedIdsPass() {
        assertEquals(List.of("ins-r8hr2upy", "ins-00000000"),
                CvmInstanceIds.required(ids(List.of("ins-r8hr2upy", "ins-00000000")), "InstanceIds"));
    }

    @Test
    void anIdWithThePrefixButTheWrongLengthIsMalformed() {
        assertEquals("InvalidInstanceId.Malformed", code(() -> CvmInstanceIds.required(ids(List.of("ins-1122")), "InstanceIds")));
        assertEquals("InvalidInstanceId.Malformed", code(() -> CvmInstanceIds.required(ids(List.of("ins-ABCD1234")), "InstanceIds")));
    }

    @Test
    void somethingThatIsNoInstanceIdIsInstanceIdMalformed() {
        assertEquals("InvalidParameterValue.InstanceIdMalformed",
                code(() -> CvmInstanceIds.required(ids(List.of("crs-abcd1234")), "InstanceIds")));
    }

    @Test
    void moreThanOneHundredIdsExceedTheLimit() {
        var many = IntStream.range(0, 101).mapToObj(i -> "ins-%08d".formatted(i)).toList();
        assertEquals("InvalidParameterValue.LimitExceeded", code(() -> CvmInstanceIds.required(ids(many), "InstanceIds")));
        assertEquals(100, CvmInstanceIds.required(ids(many.subList(0, 100)), "InstanceIds").size());
    }

    @Test
    void noIdsIsAMissingParameterAndARepeatedIdIsInvalid() {
        assertEquals("MissingParameter", code(() -> CvmInstanceIds.required(new TencentParams(Map.of()), "InstanceIds")));
        assertEquals("InvalidParameterValue",
                code(() -> CvmInstanceIds.required(ids(List.of("ins-aaaa1111", "ins-aaaa1111")), "InstanceIds")));
    }

    @ParameterizedTest
    @EnumSource(value = CvmInstanceState.class, names = {"ENTER_RESCUE_MODE", "EXIT_RESCUE_MODE", "FREEZING", "ISOLATING",
            "PENDING", "REBOOTING", "RESCUE_MODE", "RUNNING", "SERVICE_LIVE_MIGRATE", "SHUTDOWN", "STARTING", "STOPPING",
            "TERMINATING"})
    void everyResetStateOfTheSeedHasItsOwnCode(CvmInstanceState state) {
        assertEquals("UnsupportedOperation.InstanceState" + state.pascalCase(),
                TencentCvmErrors.stateCode("ResetInstancesPassword", state));
    }

    @Test
    void statesWithoutAResetCodeFallBack() {
        assertEquals("UnsupportedOperation.InstanceStateServiceLiveMigrate",
                TencentCvmErrors.stateCode("ResetInstancesPassword", CvmInstanceState.ENTER_SERVICE_LIVE_MIGRATE));
        assertEquals("InvalidInstance.NotSupported",
                TencentCvmErrors.stateCode("ResetInstancesPassword", CvmInstanceState.LAUNCH_FAILED));
        assertEquals("UnsupportedOperation.InstanceStateStopped",
                TencentCvmErrors.stateCode("StopInstances", CvmInstanceState.STOPPED));
        assertEquals("UnsupportedOperation.InstanceStateRunning",
                TencentCvmErrors.stateCode("StartInstances", CvmInstanceState.RUNNING));
    }

    @Test
    void cvmOnlyFailuresHaveTheirCodes() {
        assertEquals("MutexOperation.TaskRunning",
                TencentCvmErrors.of(new Failure.OperationRunning("ins-aaaa1111", 1001, "ResetInstancesPassword", "r", "m"),
                        "ResetInstancesPassword").code());
        assertEquals("OperationDenied.InstanceOperationInProgress", TencentCvmErrors.of(
                new Failure.OperationRunning("ins-aaaa1111", 1002, "StopInstances", "r", "m"), "ResetInstancesPassword").code());
        assertEquals("InvalidInstanceId.NotFound", TencentCvmErrors.of(
                Failure.of(ErrorCode.INSTANCE_NOT_FOUND, "m"), "ResetInstancesPassword").code());
        assertEquals("InvalidParameterValue.InvalidPassword",
                TencentCvmErrors.of(Failure.of(ErrorCode.PASSWORD_RULE, "m")).code());
    }

    @Test
    void filtersAreCheckedForShapeNameAndCount() {
        assertEquals(1, CvmFilter.read(List.of(Map.of("Name", "instance-name", "Values", List.of("web")))).size());
        assertEquals("InvalidFilter", code(() -> CvmFilter.read(List.of(Map.of("Name", "colour", "Values", List.of("x"))))));
        assertEquals("InvalidParameter", code(() -> CvmFilter.read(List.of(Map.of("Name", "zone")))));
        assertEquals("InvalidFilterValue.LimitExceeded", code(() -> CvmFilter.read(List.of(
                Map.of("Name", "zone", "Values", List.of("a", "b", "c", "d", "e", "f"))))));
        assertTrue(CvmFilter.read(null).isEmpty());
    }
}
