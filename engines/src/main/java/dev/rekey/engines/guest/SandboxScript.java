package dev.rekey.engines.guest;

import java.util.List;

/**
 * The shell script a spawned guest runs as the first process of its private mount namespace
 * ({@code unshare --mount --propagation private}): bind-mount the guest's /etc copy over /etc, create missing users,
 * apply first-start hashes, then exec qemu-ga so that the agent keeps the namespace and the process id.
 */
final class SandboxScript {

    /**
     * The agent runs as root and only /etc is private, so every RPC that could act on the host is disabled
     * (engines.md 3.2, plus guest-ssh-get-authorized-keys, which would read the host's root keys).
     */
    static final List<String> BLOCKED_COMMANDS = List.of(
            "guest-exec", "guest-exec-status",
            "guest-file-open", "guest-file-close", "guest-file-read", "guest-file-write", "guest-file-seek",
            "guest-file-flush",
            "guest-shutdown", "guest-suspend-disk", "guest-suspend-ram", "guest-suspend-hybrid",
            "guest-fsfreeze-freeze", "guest-fsfreeze-freeze-list", "guest-fsfreeze-thaw", "guest-fstrim",
            "guest-set-time", "guest-set-vcpus", "guest-set-memory-blocks",
            "guest-ssh-add-authorized-keys", "guest-ssh-remove-authorized-keys", "guest-ssh-get-authorized-keys");

    static final String AGENT = "/usr/sbin/qemu-ga";

    private SandboxScript() {
    }

    /** Arguments: $1 the guest's directory, $2 the host's mount namespace id (readlink /proc/self/ns/mnt). */
    static String text() {
        return """
                #!/bin/bash
                # Written by Rekey (SandboxedGuest); rewritten on every start.
                set -euo pipefail
                D=$1
                HOST_MNT_NS=$2
                # In the host's mount namespace the bind mount and useradd below would change the host's /etc.
                if [ "$(readlink /proc/self/ns/mnt)" = "$HOST_MNT_NS" ]; then
                  echo "sandbox: not in a private mount namespace, refusing to touch /etc" >&2
                  exit 90
                fi
                mount --bind "$D/etc-copy" /etc
                if [ "$(stat -c %d:%i /etc)" != "$(stat -c %d:%i "$D/etc-copy")" ]; then
                  echo "sandbox: /etc is not the guest's copy after the bind mount, refusing to continue" >&2
                  exit 91
                fi
                # -l: no lastlog/faillog entries, those files live in the host's /var/log.
                # --badname: uppercase names such as Administrator (a guest backing a Windows instance).
                while IFS= read -r user; do
                  getent passwd "$user" >/dev/null || useradd --badname -M -l -s /bin/bash "$user"
                done < "$D/users"
                if [ -f "$D/initial-hashes" ]; then
                  chpasswd -e < "$D/initial-hashes"
                  rm -f "$D/initial-hashes"
                fi
                exec @AGENT@ -m unix-listen -p "$D/qga.sock" -t "$D/state" -l "$D/qga.log" -b @BLOCKLIST@
                """.replace("@AGENT@", AGENT).replace("@BLOCKLIST@", String.join(",", BLOCKED_COMMANDS));
    }
}
