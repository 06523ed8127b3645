package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;
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

    private static List<String> ids(List<String> ids) {
        return ids;
    }

    private static String code(Runnable r) {
        return assertThrows(Refusal.class, r::run).code();
    }

    @Test
    void wellFormedIdsPass() {
        assertEquals(List.of("ins-r8hr2upy", "ins-00000000"),
                CvmInstanceIds.checked(ids(List.of("ins-r8hr2upy", "ins-00000000")), "InstanceIds"));
    }

    @Test
    void anIdWithThePrefixButTheWrongLengthIsMalformed() {
        assertEquals("InvalidInstanceId.Malformed", code(() -> CvmInstanceIds.checked(ids(List.of("ins-1122")), "InstanceIds")));
        assertEquals("InvalidInstanceId.Malformed", code(() -> CvmInstanceIds.checked(ids(List.of("ins-ABCD1234")), "InstanceIds")));
    }

    @Test
    void somethingThatIsNoInstanceIdIsInstanceIdMalformed() {
        assertEquals("InvalidParameterValue.InstanceIdMalformed",
                code(() -> CvmInstanceIds.checked(ids(List.of("crs-abcd1234")), "InstanceIds")));
    }

    @Test
    void moreThanOneHundredIdsExceedTheLimit() {
        var many = IntStream.range(0, 101).mapToObj(i -> "ins-%08d".formatted(i)).toList();
        assertEquals("InvalidParameterValue.LimitExceeded", code(() -> CvmInstanceIds.checked(ids(many), "InstanceIds")));
        assertEquals(100, CvmInstanceIds.checked(ids(many.subList(0, 100)), "InstanceIds").size());
    }

    @Test
    void noIdsIsAMissingParameterAndARepeatedIdIsInvalid() {
        assertEquals("MissingParameter", code(() -> TencentSchema.check(TencentCvmRoute.START_INSTANCES.schema(), Map.of())));
        assertEquals("InvalidParameterValue",
                code(() -> CvmInstanceIds.checked(ids(List.of("ins-aaaa1111", "ins-aaaa1111")), "InstanceIds")));
    }

    @ParameterizedTest
    @EnumSource(value = CvmInstanceState.class, names = {"ENTER_RESCUE_MODE", "EXIT_RESCUE_MODE", "FREEZING", "ISOLATING",
            "PENDING", "REBOOTING", "RESCUE_MODE", "RUNNING", "SERVICE_LIVE_MIGRATE", "SHUTDOWN", "STARTING", "STOPPING",
            "TERMINATING"})
    void everyResetStateOfTheSeedHasItsOwnCode(CvmInstanceState state) {
        assertEquals("UnsupportedOperation.InstanceState" + state.pascalCase(),
                TencentCvmFailures.stateCode(TencentCvmRoute.RESET_INSTANCES_PASSWORD, state));
    }

    @Test
    void statesWithoutAResetCodeFallBack() {
        assertEquals("UnsupportedOperation.InstanceStateServiceLiveMigrate",
                TencentCvmFailures.stateCode(TencentCvmRoute.RESET_INSTANCES_PASSWORD, CvmInstanceState.ENTER_SERVICE_LIVE_MIGRATE));
        assertEquals("InvalidInstance.NotSupported",
                TencentCvmFailures.stateCode(TencentCvmRoute.RESET_INSTANCES_PASSWORD, CvmInstanceState.LAUNCH_FAILED));
        assertEquals("UnsupportedOperation.InstanceStateStopped",
                TencentCvmFailures.stateCode(TencentCvmRoute.STOP_INSTANCES, CvmInstanceState.STOPPED));
        assertEquals("UnsupportedOperation.InstanceStateRunning",
                TencentCvmFailures.stateCode(TencentCvmRoute.START_INSTANCES, CvmInstanceState.RUNNING));
    }

    @Test
    void cvmOnlyFailuresHaveTheirCodes() {
        assertEquals("MutexOperation.TaskRunning",
                TencentCvmFailures.of(new Failure.OperationRunning("ins-aaaa1111", 1001, "ResetInstancesPassword", "r", "m"),
                        TencentCvmRoute.RESET_INSTANCES_PASSWORD).code());
        assertEquals("OperationDenied.InstanceOperationInProgress", TencentCvmFailures.of(
                new Failure.OperationRunning("ins-aaaa1111", 1002, "StopInstances", "r", "m"), TencentCvmRoute.RESET_INSTANCES_PASSWORD).code());
        assertEquals("InvalidInstanceId.NotFound", TencentCvmFailures.of(
                Failure.of(ErrorCode.INSTANCE_NOT_FOUND, "m"), TencentCvmRoute.RESET_INSTANCES_PASSWORD).code());
        assertEquals("InvalidParameterValue.InvalidPassword",
                TencentCvmFailures.of(Failure.of(ErrorCode.PASSWORD_RULE, "m")).code());
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
