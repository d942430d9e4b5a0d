package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code api.RemoteSectorMeta}, SectorReceive's parameter: a sector sealed elsewhere, handed to this miner in some
 * state. Every field of Lotus's schema, in its order. State, Sector and Type are required by Lotus; the rest is
 * optional and depends on the state, so this record keeps nulls as given (Go nil slices and pointers) and leaves the
 * per-state checks to the engine.
 *
 * @param state the FSM state to enter, e.g. {@code "Proving"}
 * @param sector the sector's miner and number; null reads as the zero ID, as Go decodes it
 * @param type the {@code abi.RegisteredSealProof} number
 * @param pieces the sector's pieces, or null
 * @param ticketValue the seal ticket, or null (a copy is kept and returned)
 * @param ticketEpoch the ticket's epoch
 * @param preCommit1Out the PreCommit1 output, or null (a copy is kept and returned)
 * @param commD the unsealed CID, or null
 * @param commR the sealed CID, or null
 * @param preCommitInfo the PreCommit parameters, or null
 * @param preCommitDeposit the PreCommit deposit in attoFIL, or null (a Go {@code *big.Int})
 * @param preCommitMessage the PreCommit message CID, or null
 * @param preCommitTipSet the tipset key the PreCommit landed in (array of CIDs), or null
 * @param seedValue the interactive seed, or null (a copy is kept and returned)
 * @param seedEpoch the seed's epoch
 * @param commitProof the PoRep proof, or null (a copy is kept and returned)
 * @param commitMessage the ProveCommit message CID, or null
 * @param log log entries to carry over, or null
 * @param dataUnsealed where to fetch the unsealed file, or null
 * @param dataSealed where to fetch the sealed file, or null
 * @param dataCache where to fetch the cache directory, or null
 * @param remoteCommit1Endpoint a URL to call for Commit1, or {@code ""}
 * @param remoteCommit2Endpoint a URL to call for Commit2, or {@code ""}
 * @param remoteSealingDoneEndpoint a URL to notify when sealing is done, or {@code ""}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteSectorMeta(
        @JsonProperty("State") String state,
        @JsonProperty("Sector") SectorId sector,
        @JsonProperty("Type") long type,
        @JsonProperty("Pieces") List<SectorPiece> pieces,
        @JsonProperty("TicketValue") byte[] ticketValue,
        @JsonProperty("TicketEpoch") long ticketEpoch,
        @JsonProperty("PreCommit1Out") byte[] preCommit1Out,
        @JsonProperty("CommD") CidLink commD,
        @JsonProperty("CommR") CidLink commR,
        @JsonProperty("PreCommitInfo") SectorPreCommitInfo preCommitInfo,
        @JsonProperty("PreCommitDeposit") @DecimalString BigInteger preCommitDeposit,
        @JsonProperty("PreCommitMessage") CidLink preCommitMessage,
        @JsonProperty("PreCommitTipSet") List<CidLink> preCommitTipSet,
        @JsonProperty("SeedValue") byte[] seedValue,
        @JsonProperty("SeedEpoch") long seedEpoch,
        @JsonProperty("CommitProof") byte[] commitProof,
        @JsonProperty("CommitMessage") CidLink commitMessage,
        @JsonProperty("Log") List<SectorLog> log,
        @JsonProperty("DataUnsealed") SectorLocation dataUnsealed,
        @JsonProperty("DataSealed") SectorLocation dataSealed,
        @JsonProperty("DataCache") SectorLocation dataCache,
        @JsonProperty("RemoteCommit1Endpoint") String remoteCommit1Endpoint,
        @JsonProperty("RemoteCommit2Endpoint") String remoteCommit2Endpoint,
        @JsonProperty("RemoteSealingDoneEndpoint") String remoteSealingDoneEndpoint) {
    public RemoteSectorMeta {
        state = Checks.string(state);
        sector = sector == null ? new SectorId(0, 0) : sector;
        pieces = Checks.listOrNull(pieces, "RemoteSectorMeta", "Pieces");
        ticketValue = Checks.copy(ticketValue);
        preCommit1Out = Checks.copy(preCommit1Out);
        preCommitTipSet = Checks.listOrNull(preCommitTipSet, "RemoteSectorMeta", "PreCommitTipSet");
        seedValue = Checks.copy(seedValue);
        commitProof = Checks.copy(commitProof);
        log = Checks.listOrNull(log, "RemoteSectorMeta", "Log");
        remoteCommit1Endpoint = Checks.string(remoteCommit1Endpoint);
        remoteCommit2Endpoint = Checks.string(remoteCommit2Endpoint);
        remoteSealingDoneEndpoint = Checks.string(remoteSealingDoneEndpoint);
    }

    @Override
    public byte[] ticketValue() {
        return Checks.copy(ticketValue);
    }

    @Override
    public byte[] preCommit1Out() {
        return Checks.copy(preCommit1Out);
    }

    @Override
    public byte[] seedValue() {
        return Checks.copy(seedValue);
    }

    @Override
    public byte[] commitProof() {
        return Checks.copy(commitProof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteSectorMeta m
                && state.equals(m.state)
                && sector.equals(m.sector)
                && type == m.type
                && Objects.equals(pieces, m.pieces)
                && Arrays.equals(ticketValue, m.ticketValue)
                && ticketEpoch == m.ticketEpoch
                && Arrays.equals(preCommit1Out, m.preCommit1Out)
                && Objects.equals(commD, m.commD)
                && Objects.equals(commR, m.commR)
                && Objects.equals(preCommitInfo, m.preCommitInfo)
                && Objects.equals(preCommitDeposit, m.preCommitDeposit)
                && Objects.equals(preCommitMessage, m.preCommitMessage)
                && Objects.equals(preCommitTipSet, m.preCommitTipSet)
                && Arrays.equals(seedValue, m.seedValue)
                && seedEpoch == m.seedEpoch
                && Arrays.equals(commitProof, m.commitProof)
                && Objects.equals(commitMessage, m.commitMessage)
                && Objects.equals(log, m.log)
                && Objects.equals(dataUnsealed, m.dataUnsealed)
                && Objects.equals(dataSealed, m.dataSealed)
                && Objects.equals(dataCache, m.dataCache)
                && remoteCommit1Endpoint.equals(m.remoteCommit1Endpoint)
                && remoteCommit2Endpoint.equals(m.remoteCommit2Endpoint)
                && remoteSealingDoneEndpoint.equals(m.remoteSealingDoneEndpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, sector, type, pieces, Arrays.hashCode(ticketValue), ticketEpoch,
                Arrays.hashCode(preCommit1Out), commD, commR, preCommitInfo, preCommitDeposit, preCommitMessage,
                preCommitTipSet, Arrays.hashCode(seedValue), seedEpoch, Arrays.hashCode(commitProof), commitMessage,
                log, dataUnsealed, dataSealed, dataCache, remoteCommit1Endpoint, remoteCommit2Endpoint,
                remoteSealingDoneEndpoint);
    }

    @Override
    public String toString() {
        return "RemoteSectorMeta[State=" + state + ", Sector=" + sector + ", Type=" + type + ", Pieces=" + pieces
                + ", TicketEpoch=" + ticketEpoch + ", CommD=" + commD + ", CommR=" + commR + ", PreCommitInfo="
                + preCommitInfo + ", PreCommitDeposit=" + preCommitDeposit + ", PreCommitMessage=" + preCommitMessage
                + ", PreCommitTipSet=" + preCommitTipSet + ", SeedEpoch=" + seedEpoch + ", CommitProof="
                + (commitProof == null ? "null" : commitProof.length + " bytes") + ", CommitMessage=" + commitMessage
                + ", Log=" + (log == null ? "null" : log.size() + " entries") + ", DataUnsealed=" + dataUnsealed
                + ", DataSealed=" + dataSealed + ", DataCache=" + dataCache + ", RemoteCommit1Endpoint="
                + remoteCommit1Endpoint + ", RemoteCommit2Endpoint=" + remoteCommit2Endpoint
                + ", RemoteSealingDoneEndpoint=" + remoteSealingDoneEndpoint + "]";
    }
}
