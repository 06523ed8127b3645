package dev.rekey.engines.guest;

import dev.rekey.core.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real PAM login check inside a guest's mount namespace: {@code su} run as nobody (so it must ask for the password)
 * through nsenter into the agent's namespace, where /etc is the guest's copy. util-linux 2.38's su reads the password
 * from stdin when stdin is not a terminal (PAM's conversation falls back to plain reads), so a pipe is enough and no
 * pty timing (prompt, then TCSAFLUSH) is involved.
 */
final class SuCheck {

    private SuCheck() {
    }

    /** True when PAM accepted the password (su ran the command), false on "Authentication failure". */
    static boolean accepts(SandboxedGuest guest, String user, Secret password)
            throws IOException, InterruptedException {
        Process su = Exec.builder(List.of("nsenter", "-t", Long.toString(guest.pid()), "-m", "--",
                        "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "su", user, "-s", "/bin/sh", "-c", "echo SU_OK_$(id -un)"))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        try (OutputStream in = su.getOutputStream()) {
            in.write((password.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(su.getInputStream()));
        if (!su.waitFor(15, TimeUnit.SECONDS)) {
            su.destroyForcibly().waitFor();
            throw new IOException("su did not finish within 15 s");
        }
        String output = read.join();
        if (output.contains("SU_OK_" + user) && su.exitValue() == 0) return true;
        if (output.contains("Authentication failure")) return false;
        throw new IOException("unexpected su outcome (" + su.exitValue() + "): " + output);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
