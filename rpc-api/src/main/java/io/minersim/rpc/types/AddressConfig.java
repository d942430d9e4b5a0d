package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code api.AddressConfig}, ActorAddressConfig's result: the control addresses the miner uses per message kind.
 * Lotus builds each list by appending configured addresses to a nil slice, so an unconfigured list is {@code null}
 * on the wire, not {@code []}; this record keeps null and empty apart.
 *
 * @param preCommitControl PreCommit sender addresses, or null
 * @param commitControl ProveCommit sender addresses, or null
 * @param terminateControl TerminateSectors sender addresses, or null
 * @param dealPublishControl PublishStorageDeals sender addresses, or null
 * @param disableOwnerFallback whether the owner address may not be used as a fallback
 * @param disableWorkerFallback whether the worker address may not be used as a fallback
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AddressConfig(
        @JsonProperty("PreCommitControl") List<String> preCommitControl,
        @JsonProperty("CommitControl") List<String> commitControl,
        @JsonProperty("TerminateControl") List<String> terminateControl,
        @JsonProperty("DealPublishControl") List<String> dealPublishControl,
        @JsonProperty("DisableOwnerFallback") boolean disableOwnerFallback,
        @JsonProperty("DisableWorkerFallback") boolean disableWorkerFallback) {
    /** A miner with no control addresses configured, as Lotus reports it by default. */
    public static final AddressConfig NONE = new AddressConfig(null, null, null, null, false, false);

    public AddressConfig {
        preCommitControl = Checks.listOrNull(preCommitControl, "AddressConfig", "PreCommitControl");
        commitControl = Checks.listOrNull(commitControl, "AddressConfig", "CommitControl");
        terminateControl = Checks.listOrNull(terminateControl, "AddressConfig", "TerminateControl");
        dealPublishControl = Checks.listOrNull(dealPublishControl, "AddressConfig", "DealPublishControl");
    }
}
