package io.minersim.rpc;

import com.googlecode.jsonrpc4j.IJsonRpcClient;
import com.googlecode.jsonrpc4j.JsonRpcHttpClient;
import com.googlecode.jsonrpc4j.ProxyUtil;
import java.net.URI;

/**
 * A typed JSON-RPC client of a Lotus miner (or minersim) over plain HTTP POST, one request per call, params as a JSON
 * array, built on jsonrpc4j's {@link JsonRpcHttpClient}. Request ids count up from 1, as the Go client's do.
 *
 * <p>An error response surfaces as a {@link com.googlecode.jsonrpc4j.JsonRpcClientException} carrying the
 * go-jsonrpc code ({@link RpcErrorCodes}) and message. Channel methods ({@link ChannelMethod}) need WebSocket and fail
 * with -32601 here.
 *
 * <pre>{@code
 * MinerClient c = MinerClient.connect(URI.create("http://127.0.0.1:2345/rpc/v0"), token);
 * SectorInfo s = c.miner().sectorsStatus(9, false);
 * }</pre>
 */
public final class MinerClient {
    private final JsonRpcHttpClient http;
    private final MinerApi miner;
    private final SimApi sim;
    private final BackupApi backup;
    private final ProvingApi proving;
    private final WorkerReturnApi workerReturn;
    private final LogApi log;
    private final FundsApi funds;
    private final MarketApi market;
    private final MiningApi mining;
    private final PieceApi piece;
    private final StorageApi storage;
    private final WorkersApi workers;

    private MinerClient(JsonRpcHttpClient http) {
        this.http = http;
        ClassLoader loader = MinerClient.class.getClassLoader();
        this.miner = ProxyUtil.createClientProxy(loader, MinerApi.class, (IJsonRpcClient) http);
        this.sim = ProxyUtil.createClientProxy(loader, SimApi.class, (IJsonRpcClient) http);
        this.backup = ProxyUtil.createClientProxy(loader, BackupApi.class, (IJsonRpcClient) http);
        this.proving = ProxyUtil.createClientProxy(loader, ProvingApi.class, (IJsonRpcClient) http);
        this.workerReturn = ProxyUtil.createClientProxy(loader, WorkerReturnApi.class, (IJsonRpcClient) http);
        this.log = ProxyUtil.createClientProxy(loader, LogApi.class, (IJsonRpcClient) http);
        this.funds = ProxyUtil.createClientProxy(loader, FundsApi.class, (IJsonRpcClient) http);
        this.market = ProxyUtil.createClientProxy(loader, MarketApi.class, (IJsonRpcClient) http);
        this.mining = ProxyUtil.createClientProxy(loader, MiningApi.class, (IJsonRpcClient) http);
        this.piece = ProxyUtil.createClientProxy(loader, PieceApi.class, (IJsonRpcClient) http);
        this.storage = ProxyUtil.createClientProxy(loader, StorageApi.class, (IJsonRpcClient) http);
        this.workers = ProxyUtil.createClientProxy(loader, WorkersApi.class, (IJsonRpcClient) http);
    }

    /**
     * A client of the endpoint at {@code rpcUrl} (e.g. {@code http://127.0.0.1:2345/rpc/v0}).
     *
     * @param token a JWT sent as {@code Authorization: Bearer <token>}; null or blank for none (read-only access)
     * @throws IllegalArgumentException if the URI is not an absolute http(s) URL
     */
    public static MinerClient connect(URI rpcUrl, String token) {
        return new MinerClient(RpcHttpClients.connect(rpcUrl, token));
    }

    /** The miner's methods. */
    public MinerApi miner() {
        return miner;
    }

    /** The simulator's {@code Sim.*} methods. */
    public SimApi sim() {
        return sim;
    }

    /** {@code Filecoin.CreateBackup}. */
    public BackupApi backup() {
        return backup;
    }

    /** {@code Filecoin.CheckProvable} and {@code Filecoin.RecoverFault}. */
    public ProvingApi proving() {
        return proving;
    }

    /** The {@code Filecoin.Storage*} methods: storage paths and the sector index. */
    public StorageApi storage() {
        return storage;
    }

    /** The {@code Filecoin.Return*} calls a worker makes. */
    public WorkerReturnApi workerReturn() {
        return workerReturn;
    }

    /** {@code Filecoin.LogList}, {@code LogSetLevel} and {@code LogAlerts}. */
    public LogApi log() {
        return log;
    }

    /** {@code Filecoin.ActorWithdrawBalance} and {@code BeneficiaryWithdrawBalance}. */
    public FundsApi funds() {
        return funds;
    }

    /** {@code Filecoin.MarketListDeals}. */
    public MarketApi market() {
        return market;
    }

    /** {@code Filecoin.MiningBase} and {@code ComputeProof}. */
    public MiningApi mining() {
        return mining;
    }

    /** {@code Filecoin.ComputeDataCid}. */
    public PieceApi piece() {
        return piece;
    }

    /** {@code Filecoin.WorkerStats}, {@code WorkerJobs}, {@code SealingSchedDiag}, {@code SealingAbort}, {@code SealingRemoveRequest}. */
    public WorkersApi workers() {
        return workers;
    }

    /** The underlying jsonrpc4j client, for timeouts and similar settings. */
    public JsonRpcHttpClient http() {
        return http;
    }
}
