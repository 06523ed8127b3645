package dev.rekey.server;

import dev.rekey.core.Secret;
import dev.rekey.engines.guest.ShaCrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks inside a spawned guest from the test, without Rekey: its shadow entry (checked with crypt), a real PAM login
 * with su inside its mount namespace, and raw agent commands on its socket.
 */
final class GuestChecks {
    private GuestChecks() {
    }

    static Path guestDir(TestRekey rekey, String instanceId) {
        return rekey.dir.resolve("data/engines").resolve(instanceId);
    }

    /** The user's hash field in the guest's shadow file (etc-copy/shadow under its directory). */
    static String shadowHash(Path guestDir, String user) throws IOException {
        for (String line : Files.readAllLines(guestDir.resolve("etc-copy/shadow"))) {
            if (line.startsWith(user + ":")) return line.split(":", 3)[1];
        }
        throw new AssertionError("no shadow entry for " + user + " in " + guestDir);
    }

    /** crypt(3) of the password with the entry's salt equals the entry: the guest accepts it. */
    static boolean holds(Path guestDir, String user, String password) throws IOException {
        String hash = shadowHash(guestDir, user);
        return hash.startsWith("$6$") && ShaCrypt.matches(Secret.of(password), hash);
    }

    /** The agent process serving {@code <guestDir>/qga.sock}, if it runs. */
    static long agentPid(Path guestDir) {
        String socket = guestDir.resolve("qga.sock").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(socket)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    static boolean agentRuns(Path guestDir) {
        return agentPid(guestDir) > 0;
    }

    /**
     * PAM inside the guest: su run as nobody (so it must ask) in the agent's mount namespace, where /etc is the
     * guest's copy. util-linux's su reads the password from a pipe when stdin is not a terminal.
     */
    static boolean suAccepts(Path guestDir, String user, String password) throws Exception {
        long pid = agentPid(guestDir);
        if (pid < 0) throw new AssertionError("the agent of " + guestDir + " does not run");
        Process su = new ProcessBuilder(List.of("nsenter", "-t", Long.toString(pid), "-m", "--",
                "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "su", user, "-s", "/bin/sh", "-c", "echo SU_OK_$(id -un)")).redirectErrorStream(true).start();
        try (var in = su.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(su.getInputStream()));
        if (!su.waitFor(15, TimeUnit.SECONDS)) {
            su.destroyForcibly();
            throw new AssertionError("su did not finish");
        }
        String text = out.join();
        if (text.contains("SU_OK_" + user)) return true;
        if (text.contains("Authentication failure")) return false;
        throw new AssertionError("unexpected su outcome: " + text);
    }

    /** Sends one raw command line to an agent and returns its reply line. */
    static String rawCall(Path socket, String json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            var reply = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (reply.indexOf("\n") < 0 && channel.read(buffer) > 0) {
                reply.append(StandardCharsets.UTF_8.decode(buffer.flip()));
                buffer.clear();
            }
            return reply.toString().strip();
        }
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) a process, as an operator or a hung guest would leave it. */
    static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) throw new AssertionError("kill -" + signal + " failed");
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
