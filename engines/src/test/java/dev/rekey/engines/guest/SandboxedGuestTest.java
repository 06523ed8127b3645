package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Spawned guests: the real qemu-ga in a private mount namespace over a copy of /etc, started, stopped, restarted. */
@ExtendWith(HostEtcUnchanged.class)
class SandboxedGuestTest {
    private static final Secret FIRST = Secret.of("First-Pass1");
    private static final Secret SECOND = Secret.of("Second-Pass2");

    private static final AtomicInteger GUESTS = new AtomicInteger();

    /** Parent of most guests, so that they share one /etc template as a product's guests would. */
    @TempDir
    static Path shared;
    @TempDir
    Path temp;
    private final List<SandboxedGuest> started = new ArrayList<>();

    @BeforeAll
    static void prerequisites() {
        SandboxPrerequisites.require();
    }

    @AfterEach
    void stopGuests() {
        for (SandboxedGuest guest : started) guest.stop(true);
    }

    @Test
    void theAgentRunsInItsOwnMountNamespaceInAPrivateDirectory() throws Exception {
        SandboxedGuest guest = start(Map.of());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")),
                Files.readSymbolicLink(Path.of("/proc/" + guest.pid() + "/ns/mnt")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(guest.dir())));
        assertTrue(Files.readString(guest.dir().resolve("etc-copy/passwd")).contains("\nubuntu:"));
        assertTrue(guest.isRunning());
    }

    @Test
    void theCopyCarriesNoneOfTheHostsPasswordHashes() throws Exception {
        String initial = ShaCrypt.sha512Crypt(FIRST);
        SandboxedGuest guest = start(Map.of("ubuntu", initial));
        for (String line : Files.readAllLines(guest.dir().resolve("etc-copy/shadow"))) {
            ShadowEntry entry = ShadowEntry.parse(line);
            if (entry.user().equals("ubuntu")) assertEquals(initial, entry.hash());
            else assertTrue(Set.of("*", "!", "!*").contains(entry.hash()), entry.user() + " keeps a usable hash");
        }
        assertFalse(Files.exists(guest.dir().resolve("initial-hashes")), "initial hashes are consumed");
    }

    @Test
    void accountFilesArePrivateWhileTheRestIsLinkedToTheTemplateNotToTheHost() throws Exception {
        SandboxedGuest guest = start(Map.of());
        start(Map.of()); // a sibling guest sharing the template
        Path template = shared.resolve(EtcTemplate.NAME).resolve("etc");
        Path copy = guest.dir().resolve("etc-copy");
        for (String name : List.of("passwd", "shadow", "group", "gshadow")) {
            assertNotEquals(inode(template.resolve(name)), inode(copy.resolve(name)), name + " must be private");
            assertEquals(Files.getOwner(Path.of("/etc", name)), Files.getOwner(copy.resolve(name)), name);
            assertEquals(Files.getAttribute(Path.of("/etc", name), "posix:group"),
                    Files.getAttribute(copy.resolve(name), "posix:group"), name);
            assertEquals(Files.getPosixFilePermissions(Path.of("/etc", name)),
                    Files.getPosixFilePermissions(copy.resolve(name)), name);
        }
        assertEquals(Files.getPosixFilePermissions(Path.of("/etc")), Files.getPosixFilePermissions(copy),
                "non-root processes in the guest (su, id) must read /etc");
        assertEquals(inode(template.resolve("login.defs")), inode(copy.resolve("login.defs")));
        assertNotEquals(inode(Path.of("/etc/login.defs")), inode(copy.resolve("login.defs")));
        for (String name : EtcTemplate.PRIVATE_FILES) {
            Path file = copy.resolve(name);
            if (Files.exists(file)) assertEquals(1, Files.getAttribute(file, "unix:nlink"), name + " is linked");
        }
    }

    @Test
    void aPasswordChangeInOneGuestLeavesItsSiblingAndTheTemplateAlone() throws Exception {
        SandboxedGuest changed = start(Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        SandboxedGuest sibling = start(Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        Path template = shared.resolve(EtcTemplate.NAME).resolve("etc");
        List<Path> watched = new ArrayList<>();
        for (String name : EtcTemplate.PRIVATE_FILES) {
            watched.add(template.resolve(name));
            watched.add(sibling.dir().resolve("etc-copy").resolve(name));
        }
        Map<Path, String> before = contents(watched);
        new GuestPasswordSetter().setOnline(changed.socket(), "ubuntu", SECOND); // chpasswd also rewrites shadow-
        assertEquals(before, contents(watched));
    }

    @Test
    void initialHashesApplyOnlyToAFreshCopySoARestartKeepsChanges() throws Exception {
        SandboxedGuest guest = start(Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        String changed = new GuestPasswordSetter().setOnline(guest.socket(), "ubuntu", SECOND);
        assertTrue(guest.stop(false));

        SandboxedGuest again = SandboxedGuest.start(guest.dir(), List.of("root", "ubuntu"),
                Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        started.add(again);
        assertEquals(changed, again.shadowEntry("ubuntu").orElseThrow().hash());
    }

    @Test
    void softStopThenOfflineWriteThenStartGivesTheNewPassword() throws Exception {
        SandboxedGuest guest = start(Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        long firstPid = guest.pid();
        List<String> before = Files.readAllLines(guest.dir().resolve("etc-copy/shadow"));

        assertTrue(guest.stop(false), "SIGTERM ends the agent");
        assertFalse(guest.isRunning());
        assertFalse(Files.exists(guest.socket()));
        GuestPasswordSetter setter = new GuestPasswordSetter();
        String hash = setter.setOffline(guest, "ubuntu", SECOND);

        List<String> after = Files.readAllLines(guest.dir().resolve("etc-copy/shadow"));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).startsWith("ubuntu:")) {
                assertEquals(before.get(i).replace(ShadowEntry.parse(before.get(i)).hash(), hash), after.get(i));
            } else {
                assertEquals(before.get(i), after.get(i));
            }
        }

        guest.start();
        assertNotEquals(firstPid, guest.pid());
        setter.verifyShadow(guest, "ubuntu", hash);
        assertTrue(ShaCrypt.matches(SECOND, hash));
        assertTrue(SuCheck.accepts(guest, "ubuntu", SECOND), "PAM accepts the offline-written password");
        assertFalse(SuCheck.accepts(guest, "ubuntu", FIRST), "PAM refuses the old password");
    }

    @Test
    void aGuestBackingAWindowsInstanceHasTheUserAdministrator() throws Exception {
        SandboxedGuest guest = SandboxedGuest.start(shared.resolve("guest-" + GUESTS.incrementAndGet()),
                List.of("Administrator"), Map.of());
        started.add(guest);
        String hash = new GuestPasswordSetter().setOnline(guest.socket(), "Administrator", SECOND);
        assertEquals(hash, guest.shadowEntry("Administrator").orElseThrow().hash());
        assertTrue(SuCheck.accepts(guest, "Administrator", SECOND));
    }

    @Test
    void offlineWriteIsRefusedWhileTheAgentRuns() throws Exception {
        SandboxedGuest guest = start(Map.of());
        EngineException e = assertThrows(EngineException.class,
                () -> guest.writeShadowOffline("ubuntu", ShaCrypt.sha512Crypt(SECOND)));
        assertTrue(e.getMessage().contains("is running"), e.getMessage());
    }

    @Test
    void offlineWriteForAnUnknownUserFailsAndChangesNothing() throws Exception {
        SandboxedGuest guest = start(Map.of());
        guest.stop(false);
        Path shadow = guest.dir().resolve("etc-copy/shadow");
        String before = Files.readString(shadow);
        EngineException e = assertThrows(EngineException.class,
                () -> guest.writeShadowOffline("nosuchuser", ShaCrypt.sha512Crypt(SECOND)));
        assertTrue(e.getMessage().contains("has no user nosuchuser"), e.getMessage());
        assertEquals(before, Files.readString(shadow));
    }

    @Test
    void anAgentKilledFromOutsideStartsAgainOnItsLeftoverSocket() throws Exception {
        SandboxedGuest guest = start(Map.of());
        Exec.Result kill = Exec.run(List.of("kill", "-KILL", Long.toString(guest.pid())), Duration.ofSeconds(5));
        assertEquals(0, kill.status());
        Await.until("the killed agent is no longer running", Duration.ofSeconds(5), () -> !guest.isRunning());
        assertTrue(Files.exists(guest.socket()), "SIGKILL leaves the socket file behind");
        guest.start();
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            client.ping();
        }
    }

    @Test
    void forcedStopEndsTheAgentAtOnce() throws Exception {
        SandboxedGuest guest = start(Map.of());
        long pid = guest.pid();
        assertTrue(guest.stop(true));
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
        assertTrue(guest.stop(false), "stopping a stopped guest is a no-op");
    }

    @Test
    void aBrokenSandboxFailsTheStartWithItsOwnMessage() throws Exception {
        Path dir = temp.resolve("broken");
        Files.createDirectories(dir.resolve("etc-copy/passwd")); // passwd is a directory: useradd cannot work
        try {
            started.add(SandboxedGuest.start(dir, List.of("ubuntu"), Map.of())); // stopped after the test if it ran
            fail("a sandbox without a usable /etc/passwd started");
        } catch (EngineException e) {
            assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
            assertTrue(e.getMessage().contains("useradd: cannot open /etc/passwd"), e.getMessage());
        }
    }

    @Test
    void theScriptRefusesToRunInTheMountNamespaceItWasToldIsTheHosts() throws Exception {
        SandboxedGuest guest = start(Map.of());
        guest.stop(false);
        // still inside a private namespace, so even a broken guard could not reach the host's /etc
        Exec.Result run = Exec.run(List.of("unshare", "--mount", "--propagation", "private", "bash", "-c",
                "exec \"$0\" \"$1\" \"$(readlink /proc/self/ns/mnt)\"",
                guest.dir().resolve("sandbox.sh").toString(), guest.dir().toString()), Duration.ofSeconds(10));
        assertEquals(90, run.status(), run.output());
        assertTrue(run.output().contains("refusing to touch /etc"), run.output());
    }

    @Test
    void startIsFastAndTheGuestSmallOnDisk() throws Exception {
        long t0 = System.nanoTime();
        start(temp, Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST))); // also makes this parent's template
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        SandboxedGuest guest = start(temp, Map.of("ubuntu", ShaCrypt.sha512Crypt(FIRST)));
        long nextMillis = (System.nanoTime() - t1) / 1_000_000;
        guest.stop(false);
        long t2 = System.nanoTime();
        guest.start();
        long restartMillis = (System.nanoTime() - t2) / 1_000_000;

        // du counts a hard-linked file once, under the first argument that reaches it: the template
        Exec.Result du = Exec.run(List.of("du", "-sk", temp.resolve(EtcTemplate.NAME).toString(),
                guest.dir().toString()), Duration.ofSeconds(10));
        String[] sizes = du.output().strip().split("\\s+");
        long templateKb = Long.parseLong(sizes[0]);
        long guestKb = Long.parseLong(sizes[2]);
        System.out.printf("spawned guest: first start %d ms (template included), next guest %d ms, restart %d ms;"
                + " disk: template %d KB once, %d KB per guest%n",
                firstMillis, nextMillis, restartMillis, templateKb, guestKb);
        assertTrue(firstMillis < 5000, "first start took " + firstMillis + " ms");
        assertTrue(nextMillis < 3000, "next guest took " + nextMillis + " ms");
        assertTrue(restartMillis < 3000, "restart took " + restartMillis + " ms");
        assertTrue(guestKb < 2048, "a guest uses " + guestKb + " KB of its own");
    }

    private SandboxedGuest start(Map<String, String> initialHashes) throws EngineException {
        return start(shared, initialHashes);
    }

    private SandboxedGuest start(Path parent, Map<String, String> initialHashes) throws EngineException {
        SandboxedGuest guest = SandboxedGuest.start(parent.resolve("guest-" + GUESTS.incrementAndGet()),
                List.of("root", "ubuntu"), initialHashes);
        started.add(guest);
        return guest;
    }

    private static Map<Path, String> contents(List<Path> files) throws Exception {
        Map<Path, String> contents = new java.util.HashMap<>();
        for (Path file : files) contents.put(file, Files.exists(file) ? Files.readString(file) : "(absent)");
        return contents;
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
