package io.minersim.app.cli;

import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorLog;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minersim sectors status N}: lotus-miner's lines for one sector's SectorsStatus. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Get the seal status of a sector by its number.")
final class SectorsStatusCommand extends MinerCommand {
    @Parameters(paramLabel = "<sectorNum>", description = "The sector number.")
    long sector;

    @Option(names = {"-l", "--log"}, description = "Display the event log.")
    boolean log;

    @Option(names = {"-c", "--on-chain-info"}, description = "Show the sector's on-chain info.")
    boolean onChainInfo;

    @Option(names = "--proof", description = "Print the proof bytes as hex.")
    boolean proof;

    @Override
    void check() {
        SectorsCommand.sectorNumber(sector);
    }

    @Override
    void run(MinerConnection miner) {
        SectorInfo s = miner.api().sectorsStatus(sector, onChainInfo);
        if (json()) {
            printJson(s);
            return;
        }
        PrintWriter out = out();
        out.printf("SectorID:\t%d%n", s.sectorId());
        out.printf("Status:\t\t%s%n", s.state());
        out.printf("CIDcommD:\t%s%n", Formats.cid(s.commD()));
        out.printf("CIDcommR:\t%s%n", Formats.cid(s.commR()));
        out.printf("Ticket:\t\t%s%n", Formats.hex(s.ticket().value()));
        out.printf("TicketH:\t%d%n", s.ticket().epoch());
        out.printf("Seed:\t\t%s%n", Formats.hex(s.seed().value()));
        out.printf("SeedH:\t\t%d%n", s.seed().epoch());
        out.printf("Precommit:\t%s%n", Formats.cid(s.preCommitMsg()));
        out.printf("Commit:\t\t%s%n", Formats.cid(s.commitMsg()));
        if (proof) {
            out.printf("Proof:\t\t%s%n", Formats.hex(s.proof()));
        }
        out.printf("Deals:\t\t%s%n", Formats.goList(s.deals()));
        out.printf("Retries:\t%d%n", s.retries());
        if (!s.lastErr().isEmpty()) {
            out.printf("Last Error:\t\t%s%n", s.lastErr());
        }
        if (onChainInfo) {
            out.printf("%nSector On Chain Info%n");
            out.printf("SealProof:\t\t%x%n", s.sealProof());
            out.printf("Activation:\t\t%d%n", s.activation());
            out.printf("Expiration:\t\t%d%n", s.expiration());
            out.printf("DealWeight:\t\t%s%n", s.dealWeight());
            out.printf("VerifiedDealWeight:\t\t%s%n", s.verifiedDealWeight());
            out.printf("InitialPledge:\t\t%s%n", Formats.fil(s.initialPledge()));
            out.printf("%nExpiration Info%n");
            out.printf("OnTime:\t\t%d%n", s.onTime());
            out.printf("Early:\t\t%d%n", s.early());
        }
        if (log) {
            out.printf("--------%nEvent Log:%n");
            List<SectorLog> entries = s.log();
            for (int i = 0; i < entries.size(); i++) {
                SectorLog l = entries.get(i);
                out.printf("%d.\t%s:\t[%s]\t%s%n", i, Formats.goTime(l.timestamp()), l.kind(), l.message());
                if (!l.trace().isEmpty()) {
                    out.printf("\t%s%n", l.trace());
                }
            }
        }
    }
}
