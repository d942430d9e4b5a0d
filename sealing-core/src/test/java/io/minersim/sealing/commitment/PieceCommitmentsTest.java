package io.minersim.sealing.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PieceCommitmentsTest {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long GIB = KIB * MIB;

    /** The tree's node hash written out independently of the production code. */
    private static byte[] node(byte[] left, byte[] right) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(left);
            sha.update(right);
            byte[] d = sha.digest();
            d[31] &= 0x3f;
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] zero(long size) {
        return PieceCommitments.zeroCommitment(size);
    }

    private static byte[] commOf(String pieceCid) {
        return Cid.parse(pieceCid).digest();
    }

    private static String cidOf(byte[] commitment) {
        return Cid.unsealedCommitment(commitment).toString();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    // ---- zero commitments ----

    @ParameterizedTest
    @CsvSource({
        // lotus itests / mock sealer zero-commitment CIDs (fsm-facts f.2)
        "2048, baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy",
        "34359738368, baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq",
        "68719476736, baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq",
        // go-fil-commp-hashhash testdata/zero.txt
        "128, baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy",
        "256, baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy",
        "512, baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq",
        "1024, baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly",
        // forest test_compute_unsealed_sector_cid_umpty_pieces (512MiB sector, no pieces)
        "536870912, baga6ea4seaqdsvqopmj2soyhujb72jza76t4wpq5fzifvm3ctz47iyytkewnubq",
    })
    void knownZeroCommitments(long size, String expectedCid) {
        assertThat(cidOf(zero(size))).isEqualTo(expectedCid);
    }

    @Test
    void zeroCommitmentFollowsTheTreeDefinition() {
        byte[] leaf = new byte[32];
        byte[] level1 = node(leaf, leaf);
        byte[] level2 = node(level1, level1);
        assertThat(zero(128)).isEqualTo(level2);
        assertThat(zero(256)).isEqualTo(node(level2, level2));
        for (long size = 256; size > 0 && size <= PieceCommitments.MAX_PADDED_PIECE_SIZE; size <<= 1) {
            assertThat(zero(size)).as("size %d", size).isEqualTo(node(zero(size / 2), zero(size / 2)));
        }
    }

    @Test
    void zeroCommitmentReturnsACopy() {
        zero(2048)[0] ^= 1;
        assertThat(cidOf(zero(2048)))
                .isEqualTo("baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -128, 32, 64, 127, 129, 3 * 128, 1000})
    void zeroCommitmentRejectsBadSizes(long size) {
        assertThatThrownBy(() -> PieceCommitments.zeroCommitment(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two of at least 128")
                .hasMessageContaining(Long.toString(size));
    }

    // ---- commP of data ----

    @ParameterizedTest
    @ValueSource(ints = {127, 254, 508, 1016, 2032, 127 * 256})
    void commPOfZerosIsTheZeroCommitment(int unpadded) throws IOException {
        long padded = PieceCommitments.paddedSize(unpadded);
        assertThat(PieceCommitments.pieceCommitment(new byte[unpadded])).isEqualTo(zero(padded));
        assertThat(PieceCommitments.pieceCommitment(new ByteArrayInputStream(new byte[unpadded]), unpadded))
                .isEqualTo(zero(padded));
    }

    @ParameterizedTest
    @CsvSource({
        // go-fil-commp-hashhash testdata/0xCC.txt: payload size, padded size, CID (payload = repeated 0xCC)
        "127, 128, baga6ea4seaqmfldjtozgne6adk7eve2vdxte7vzlivae7nzsbrawobo546zkijq",
        "254, 256, baga6ea4seaqkixbzz75uys2pcjbrbdilgjhmum72qm4xphrwav2iyel5oat4aka",
        "508, 512, baga6ea4seaqb6ckbupixkhwp7thgb52f4en222boppajkqk7gaomkpof3lh4cei",
        "1016, 1024, baga6ea4seaqjxgfdkdu37aryhg7bqqiwizj5f6ugasftgeocabwnj4cxkgisaoq",
    })
    void publishedCommPOfRepeated0xCC(int payload, long padded, String expectedCid) throws IOException {
        byte[] data = filled(payload, 0xcc);
        assertThat(PieceCommitments.paddedSize(payload)).isEqualTo(padded);
        assertThat(cidOf(PieceCommitments.pieceCommitment(data))).isEqualTo(expectedCid);
        assertThat(cidOf(PieceCommitments.pieceCommitment(new ByteArrayInputStream(data), payload)))
                .isEqualTo(expectedCid);
    }

    @ParameterizedTest
    @CsvSource({
        // go-fil-commp-hashhash testdata/0xCC.txt: shorter payloads are zero-filled up to the piece
        "96, 127, baga6ea4seaqhwcjhi4krhl3ht6dewnwevkpxbepxy7p7onwgz65t52typbsysby",
        "192, 254, baga6ea4seaqkx7m2s6r4zahtlbwrs5ryvemkclwfp7nijopdd5swpdnxzjf7wkq",
        "768, 1016, baga6ea4seaqb6xvxaybzp6vslujjiwvgt23ckrwt7y53eddy5qmc6csnc37lwpi",
    })
    void publishedCommPOf0xCCFollowedByZeros(int payload, int unpadded, String expectedCid) {
        byte[] data = new byte[unpadded];
        Arrays.fill(data, 0, payload, (byte) 0xcc);
        assertThat(cidOf(PieceCommitments.pieceCommitment(data))).isEqualTo(expectedCid);
    }

    @Test
    void publishedCommPOfTextPiece() {
        // go-commp-utils ffiwrapper/ffiwrapper_test.go TestZeroPadding: 127-byte piece, text then zeros
        byte[] data = new byte[127];
        byte[] text = "i am the biggest cat, what do you think about that".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, data, 0, text.length);
        assertThat(cidOf(PieceCommitments.pieceCommitment(data)))
                .isEqualTo("baga6ea4seaqozp3abki6vgdf7ztbipcycmxfyt2o64cpuyvdkczsjxsg7bqmioi");

        // and the same content in a 4x larger piece equals that piece padded with zero pieces
        byte[] bigger = Arrays.copyOf(data, 508);
        byte[] expected = node(node(PieceCommitments.pieceCommitment(data), zero(128)), zero(256));
        assertThat(PieceCommitments.pieceCommitment(bigger)).isEqualTo(expected);
    }

    @Test
    void commPOfAllOnesByHand() {
        // Fr32 turns 127 bytes of 0xff into four leaves of 31 x 0xff then 0x3f
        byte[] leaf = filled(32, 0xff);
        leaf[31] = 0x3f;
        byte[] pair = node(leaf, leaf);
        assertThat(PieceCommitments.pieceCommitment(filled(127, 0xff))).isEqualTo(node(pair, pair));

        byte[] twoChunks = new byte[254];
        Arrays.fill(twoChunks, 0, 127, (byte) 0xff);
        assertThat(PieceCommitments.pieceCommitment(twoChunks)).isEqualTo(node(node(pair, pair), zero(128)));
    }

    @Test
    void commPIsTheTreeOverChunkCommitments() {
        byte[] data = randomBytes(127 * 4, 42);
        byte[][] chunk = new byte[4][];
        for (int i = 0; i < 4; i++) {
            chunk[i] = PieceCommitments.pieceCommitment(Arrays.copyOfRange(data, 127 * i, 127 * (i + 1)));
        }
        assertThat(PieceCommitments.pieceCommitment(data))
                .isEqualTo(node(node(chunk[0], chunk[1]), node(chunk[2], chunk[3])));
    }

    @Test
    void streamingMatchesInMemoryWithShortReads() throws IOException {
        int size = 127 * 2048;
        byte[] data = randomBytes(size, 7);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 13));
            }
        };
        assertThat(PieceCommitments.pieceCommitment(trickle, size))
                .isEqualTo(PieceCommitments.pieceCommitment(data));
    }

    @Test
    void streamingRejectsShortAndLongStreams() {
        assertThatThrownBy(() -> PieceCommitments.pieceCommitment(new ByteArrayInputStream(new byte[253]), 254))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("ended after 253 of 254 bytes");
        assertThatThrownBy(() -> PieceCommitments.pieceCommitment(new ByteArrayInputStream(new byte[255]), 254))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than the announced 254 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 126, 128, 127 * 3, 127 * 6, 1024})
    void commPRejectsInvalidUnpaddedSizes(int size) {
        assertThatThrownBy(() -> PieceCommitments.pieceCommitment(new byte[size]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127*2^k")
                .hasMessageContaining(Integer.toString(size));
        assertThatThrownBy(() -> PieceCommitments.pieceCommitment(new ByteArrayInputStream(new byte[size]), size))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- sizes ----

    @Test
    void paddedAndUnpaddedSizes() {
        assertThat(PieceCommitments.paddedSize(127)).isEqualTo(128);
        assertThat(PieceCommitments.paddedSize(2032)).isEqualTo(2048);
        assertThat(PieceCommitments.paddedSize(34091302912L)).isEqualTo(32 * GIB);
        assertThat(PieceCommitments.unpaddedSize(128)).isEqualTo(127);
        assertThat(PieceCommitments.unpaddedSize(2048)).isEqualTo(2032);
        assertThat(PieceCommitments.unpaddedSize(32 * GIB)).isEqualTo(34091302912L);
        assertThat(PieceCommitments.unpaddedSize(64 * GIB)).isEqualTo(68182605824L);

        assertThatThrownBy(() -> PieceCommitments.paddedSize(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceCommitments.paddedSize(381)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceCommitments.paddedSize(-127)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceCommitments.unpaddedSize(127)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceCommitments.unpaddedSize(64)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- sector CommD ----

    @Test
    void emptySectorIsTheZeroCommitment() {
        assertThat(PieceCommitments.unsealedSectorCommitment(32 * GIB, List.of()))
                .isEqualTo(zero(32 * GIB));
    }

    @Test
    void singlePieceFillingTheSectorIsThatPiece() {
        byte[] p = randomBytes(32, 1);
        assertThat(PieceCommitments.unsealedSectorCommitment(2048, List.of(new PieceCommitment(2048, p))))
                .isEqualTo(p);
    }

    @Test
    void halfSectorPieceIsPairedWithAZeroHalf() {
        byte[] p = randomBytes(32, 2);
        assertThat(PieceCommitments.unsealedSectorCommitment(2048, List.of(new PieceCommitment(1024, p))))
                .isEqualTo(node(p, zero(1024)));
    }

    @Test
    void smallThenLargePieceGetsAlignmentPadding() {
        // 2KiB: A(256) @0, zero 256 @256, zero 512 @512, B(1024) @1024
        byte[] a = randomBytes(32, 3);
        byte[] b = randomBytes(32, 4);
        byte[] expected = node(node(node(a, zero(256)), zero(512)), b);
        assertThat(PieceCommitments.unsealedSectorCommitment(2048,
                List.of(new PieceCommitment(256, a), new PieceCommitment(1024, b))))
                .isEqualTo(expected);
    }

    @Test
    void mixedPiecesAreAlignedAndTheTailIsZeroFilled() {
        // 2KiB: A(128) @0, zero 128, zero 256, B(512) @512, C(128) @1024, zero 128, zero 256, zero 512
        byte[] a = randomBytes(32, 5);
        byte[] b = randomBytes(32, 6);
        byte[] c = randomBytes(32, 7);
        byte[] left = node(node(node(a, zero(128)), zero(256)), b);
        byte[] right = node(node(node(c, zero(128)), zero(256)), zero(512));
        List<PieceCommitment> pieces = List.of(
                new PieceCommitment(128, a), new PieceCommitment(512, b), new PieceCommitment(128, c));
        assertThat(PieceCommitments.unsealedSectorCommitment(2048, pieces)).isEqualTo(node(left, right));

        List<PieceCommitment> explicit = List.of(
                new PieceCommitment(128, a), PieceCommitment.zero(128), PieceCommitment.zero(256),
                new PieceCommitment(512, b), new PieceCommitment(128, c), PieceCommitment.zero(128),
                PieceCommitment.zero(256), PieceCommitment.zero(512));
        assertThat(PieceCommitments.unsealedSectorCommitment(2048, explicit)).isEqualTo(node(left, right));
    }

    @Test
    void sectorCommitmentMatchesCommPOfTheLaidOutData() {
        // a 254-byte piece and a 1016-byte piece laid out in a 2KiB sector as unpadded bytes:
        // piece 1 @0, zeros to unpadded offset 1016 (padded 1024), piece 2 @1016
        byte[] p1 = randomBytes(254, 8);
        byte[] p2 = randomBytes(1016, 9);
        byte[] sector = new byte[2032];
        System.arraycopy(p1, 0, sector, 0, p1.length);
        System.arraycopy(p2, 0, sector, 1016, p2.length);

        byte[] commD = PieceCommitments.unsealedSectorCommitment(2048, List.of(
                new PieceCommitment(256, PieceCommitments.pieceCommitment(p1)),
                new PieceCommitment(1024, PieceCommitments.pieceCommitment(p2))));
        assertThat(commD).isEqualTo(PieceCommitments.pieceCommitment(sector));
    }

    @Test
    void publishedMainnet32GiBSectorCommD() {
        // go-commp-utils nonffi/commd_test.go TestGenerateUnsealedCID: sector f01392893:139074
        List<PieceCommitment> deals = List.of(
                piece(256 * MIB, "baga6ea4seaqknzm22isnhsxt2s4dnw45kfywmhenngqq3nc7jvecakoca6ksyhy"),
                piece(1024 * MIB, "baga6ea4seaqnq6o5wuewdpviyoafno4rdpqnokz6ghvg2iyeyfbqxgcwdlj2egi"),
                piece(512 * MIB, "baga6ea4seaqpixk4ifbkzato3huzycj6ty6gllqwanhdpsvxikawyl5bg2h44mq"),
                piece(512 * MIB, "baga6ea4seaqaxwe5dy6nt3ko5tngtmzvpqxqikw5mdwfjqgaxfwtzenc6bgzajq"),
                piece(1024 * MIB, "baga6ea4seaqpy33nbesa4d6ot2ygeuy43y4t7amc4izt52mlotqenwcmn2kyaai"),
                piece(256 * MIB, "baga6ea4seaqphvv4x2s2v7ykgc3ugs2kkltbdeg7icxstklkrgqvv72m2v3i2aa"),
                piece(512 * MIB, "baga6ea4seaqf5u55znk6jwhdsrhe37emzhmehiyvjxpsww274f6fiy3h4yctady"),
                piece(1024 * MIB, "baga6ea4seaqa3qbabsbmvk5er6rhsjzt74beplzgulthamm22jue4zgqcuszofi"),
                piece(256 * MIB, "baga6ea4seaqiekvf623muj6jpxg6vsqaikyw3r4ob5u7363z7zcaixqvfqsc2ji"),
                piece(512 * MIB, "baga6ea4seaqhsewv65z2d4m5o4vo65vl5o6z4bcegdvgnusvlt7rao44gro36pi"));
        String expected = "baga6ea4seaqiw3gbmstmexb7sqwkc5r23o3i7zcyx5kr76pfobpykes3af62kca";

        assertThat(cidOf(PieceCommitments.unsealedSectorCommitment(32 * GIB, deals))).isEqualTo(expected);

        List<PieceCommitment> withFillers = new ArrayList<>(deals);
        withFillers.add(PieceCommitment.zero(8 * GIB));
        withFillers.add(PieceCommitment.zero(16 * GIB));
        assertThat(cidOf(PieceCommitments.unsealedSectorCommitment(32 * GIB, withFillers))).isEqualTo(expected);
    }

    @Test
    void published512MiBSectorWithOnePiece() {
        // forest test_compute_unsealed_sector_cid: piece digest = sha256("test_compute_unsealed_sector_cid")
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest("test_compute_unsealed_sector_cid".getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        Cid pieceCid = Cid.unsealedCommitment(digest);
        assertThat(pieceCid.toString()).isEqualTo("baga6ea4seaqjyk7pl3orbzxailtwmfjmhc43xgqqp22gde4hdyunupettpjqmai");

        byte[] commD = PieceCommitments.unsealedSectorCommitment(512 * MIB,
                List.of(PieceCommitment.of(1024, pieceCid)));
        assertThat(cidOf(commD)).isEqualTo("baga6ea4seaqoebmodxmpe6nrd63rqey67bhby43u4mxyx2v2vpxnfv7zxdr6uaa");
    }

    @Test
    void rejectsPiecesThatDoNotFit() {
        byte[] p = randomBytes(32, 10);
        assertThatThrownBy(() -> PieceCommitments.unsealedSectorCommitment(2048,
                List.of(new PieceCommitment(1024, p), new PieceCommitment(128, p), new PieceCommitment(1024, p))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit")
                .hasMessageContaining("piece 2")
                .hasMessageContaining("3072");
        assertThatThrownBy(() -> PieceCommitments.unsealedSectorCommitment(2048,
                List.of(new PieceCommitment(4096, p))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than the sector size 2048");
        assertThatThrownBy(() -> PieceCommitments.unsealedSectorCommitment(3000, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sector size");
    }

    // ---- PieceCommitment value ----

    @Test
    void pieceCommitmentValidatesAndCopies() {
        byte[] p = randomBytes(32, 11);
        PieceCommitment piece = new PieceCommitment(256, p);
        p[0] ^= 1;
        piece.commitment()[1] ^= 1;

        assertThat(piece.commitment()).isEqualTo(randomBytes(32, 11));
        assertThat(piece).isEqualTo(new PieceCommitment(256, randomBytes(32, 11)))
                .hasSameHashCodeAs(new PieceCommitment(256, randomBytes(32, 11)))
                .isNotEqualTo(new PieceCommitment(512, randomBytes(32, 11)));
        assertThat(piece.cid()).isEqualTo(Cid.unsealedCommitment(randomBytes(32, 11)));

        assertThatThrownBy(() -> new PieceCommitment(100, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new PieceCommitment(64, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 128");
        assertThatThrownBy(() -> new PieceCommitment(128, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PieceCommitment.of(128, Cid.sealedCommitment(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a piece commitment CID");
    }

    private static PieceCommitment piece(long size, String cid) {
        return new PieceCommitment(size, commOf(cid));
    }
}
