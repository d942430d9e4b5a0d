package io.minersim.app.cli;

import io.minersim.rpc.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minersim auth}: lotus-miner's {@code auth} commands (new API tokens). */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Manage RPC permissions.",
        subcommands = {AuthCommand.CreateToken.class, AuthCommand.ApiInfo.class})
public final class AuthCommand extends CommandGroup {

    /** The permission {@code --perm} names; refused with lotus-miner's words when missing or unknown. */
    static Permission permission(String perm, String missing) {
        if (perm == null) {
            throw new CliException(missing);
        }
        Permission p = Permission.fromWire(perm);
        if (p == null) {
            throw new CliException("--perm flag has to be one of: " + Arrays.stream(Permission.values())
                    .map(Permission::wire).collect(Collectors.joining(" ", "[", "]")));
        }
        return p;
    }

    /** A new token with Lotus's cumulative list up to {@code p} ({@code sign} gives read, write, sign). */
    static String newToken(MinerConnection miner, Permission p) {
        List<String> allow = p.cumulative().stream().map(Permission::wire).toList();
        return new String(miner.api().authNew(allow), StandardCharsets.US_ASCII);
    }

    @Command(name = "create-token", mixinStandardHelpOptions = true, description = "Create a token.")
    static final class CreateToken extends TokenCommand {
        CreateToken() {
            super("--perm flag not set");
        }

        @Override
        void run(MinerConnection miner) {
            String token = newToken(miner, permission);
            if (json()) {
                printJson(token);
                return;
            }
            out().println(token);
        }
    }

    @Command(name = "api-info", mixinStandardHelpOptions = true,
            description = "Get a token with the API info required to connect to this miner.")
    static final class ApiInfo extends TokenCommand {
        ApiInfo() {
            super("--perm flag not set, use with one of: read, write, sign, admin");
        }

        @Override
        void run(MinerConnection miner) {
            String token = newToken(miner, permission);
            String addr = miner.endpoint().address();
            if (json()) {
                Map<String, String> info = new LinkedHashMap<>();
                info.put("Addr", addr);
                info.put("Token", token);
                printJson(info);
                return;
            }
            out().printf("%s=%s:%s%n", CliEnvironment.MINER_API_INFO, token, addr);
        }
    }

    /** A command that makes a token: its {@code --perm}, checked before the miner is called. */
    abstract static class TokenCommand extends MinerCommand {
        private final String missing;

        @Option(names = "--perm", paramLabel = "PERM",
                description = "Permission to assign to the token, one of: read, write, sign, admin.")
        String perm;

        Permission permission;

        TokenCommand(String missing) {
            this.missing = missing;
        }

        @Override
        final void check() {
            permission = permission(perm, missing);
        }
    }
}
