package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * libp2p's {@code peer.AddrInfo}, an entry of NetPeers: a peer's ID and its multiaddrs.
 *
 * @param id the peer ID ({@code 12D3KooW…})
 * @param addrs its multiaddrs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerAddrInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("Addrs") List<String> addrs) {
    public PeerAddrInfo {
        Checks.required(id, "PeerAddrInfo", "ID");
        addrs = Checks.listOrEmpty(addrs, "PeerAddrInfo", "Addrs");
    }
}
