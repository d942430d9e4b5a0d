package io.minersim.app.fullnode;

import io.minersim.rpc.types.FilAddress;
import io.minersim.sealing.Miner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The actors of the simulated chain: every miner of the world and the account behind each, looked up by address as
 * Lotus's state tree does, with its errors ({@code actor not found}, {@code resolution lookup failed (…)},
 * {@code unknown actor code …}).
 */
final class MinerDirectory {
    /** A miner actor and its account. */
    record Entry(Miner miner, MinerAccounts accounts) {
    }

    private final List<Entry> entries;
    private final Map<Long, Entry> byActor = new HashMap<>();
    private final Map<Long, Entry> byAccount = new HashMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final String accountCode;

    MinerDirectory(List<Miner> miners, String accountCode) {
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < miners.size(); i++) {
            Miner m = miners.get(i);
            Entry e = new Entry(m, MinerAccounts.of(i, m.config().actorId(), m.config().seed()));
            list.add(e);
            byActor.put(e.accounts().actorId(), e);
            byAccount.put(e.accounts().accountId(), e);
            byKey.put(e.accounts().keyAddress(), e);
        }
        this.entries = List.copyOf(list);
        this.accountCode = accountCode;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The miner at {@code address}, or null (for anything else, an account included). */
    Entry minerOrNull(FilAddress address) {
        return address.isId() ? byActor.get(address.id()) : null;
    }

    /** The account at {@code address} (its ID or key address), or null. */
    Entry accountOrNull(FilAddress address) {
        return address.isId() ? byAccount.get(address.id()) : byKey.get(address.canonical());
    }

    /**
     * The miner at {@code address}, or Lotus's error for {@code miner.Load} of another actor, each after
     * {@code prefix} (e.g. {@code "failed to load miner actor: "}).
     */
    Entry miner(FilAddress address, String prefix) {
        Entry e = minerOrNull(address);
        if (e != null) {
            return e;
        }
        if (accountOrNull(address) != null) {
            throw new ChainException(prefix + "unknown actor code " + accountCode);
        }
        throw new ChainException(prefix + notFound(address));
    }

    /** The state tree's text for an address that names no actor. */
    static String notFound(FilAddress address) {
        String a = address.canonical();
        return address.isId() ? "actor not found"
                : "resolution lookup failed (" + a + "): resolve address " + a + ": actor not found";
    }
}
