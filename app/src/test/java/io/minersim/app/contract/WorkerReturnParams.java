package io.minersim.app.contract;

import java.util.Map;

/** Well-formed parameters of the Return* calls a Lotus worker makes, for the contract and conformance tests. */
public final class WorkerReturnParams {
    private static final String PIECE = MethodContractTest.ZERO_PIECE_1016;

    private WorkerReturnParams() {
    }

    /** A CallID as a worker sends it. */
    public static final String CALL = "{\"Sector\":{\"Miner\":1000,\"Number\":9},\"ID\":\"07070707-0707-0707-0707-070707070707\"}";
    /** The second parameter of each Return* method that has a result, by method. */
    public static final Map<String, String> RESULTS = Map.ofEntries(
            Map.entry("Filecoin.ReturnAddPiece", "{\"Size\":2048,\"PieceCID\":{\"/\":\"" + PIECE + "\"}}"),
            Map.entry("Filecoin.ReturnDataCid", "{\"Size\":2048,\"PieceCID\":{\"/\":\"" + PIECE + "\"}}"),
            Map.entry("Filecoin.ReturnProveReplicaUpdate1", "[\"Ynl0ZSBhcnJheQ==\"]"),
            Map.entry("Filecoin.ReturnProveReplicaUpdate2", "\"Bw==\""),
            Map.entry("Filecoin.ReturnReadPiece", "true"),
            Map.entry("Filecoin.ReturnReplicaUpdate", "{\"NewSealed\":{\"/\":\"" + PIECE + "\"},"
                    + "\"NewUnsealed\":{\"/\":\"" + PIECE + "\"}}"),
            Map.entry("Filecoin.ReturnSealCommit1", "\"Bw==\""),
            Map.entry("Filecoin.ReturnSealCommit2", "\"Bw==\""),
            Map.entry("Filecoin.ReturnSealPreCommit1", "\"Bw==\""),
            Map.entry("Filecoin.ReturnSealPreCommit2", "{\"Unsealed\":{\"/\":\"" + PIECE + "\"},"
                    + "\"Sealed\":{\"/\":\"" + PIECE + "\"}}"));
}
