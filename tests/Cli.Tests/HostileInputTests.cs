using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.SafetensorsFormat;
using static TorchSharp.torch;

namespace ModelZoo.Cli.Tests;

/// <summary>Issue 13 from the command line: every refusal of bad input exits 2 with one printable line (damaged images
/// and checkpoints included), unknown verbs and options get suggestions, damaged zip entries and NaN weights are
/// refused by name.</summary>
public sealed class HostileInputTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
    private static string Digit => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "28-test-gray.jpg");

    private static Task<(int Exit, string Out, string Err)> Predict(string weights, string image, params string[] extra) =>
        CliRunner.RunAsync(["predict", "--model", "lenet5", "--input-size", "28", "--weights", weights, "--image", image,
            "--preset", "none", "--mean", "0.1307", "--std", "0.3081", .. extra]);

    /// <summary>Exit 2 and exactly one printable line on stderr.</summary>
    private static string Refused((int Exit, string Out, string Err) r, string what)
    {
        Assert.True(r.Exit == CliApp.UsageError, $"{what}: exit {r.Exit}: {r.Err}");
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{what}: {lines.Length} lines on stderr:\n{r.Err}");
        Assert.StartsWith("modelzoo: error: ", lines[0]);
        Assert.True(!lines[0].Any(c => char.IsControl(c) || c == '\uFFFD'), $"{what}: not printable: {lines[0]}");
        return lines[0];
    }

    [Theory]
    [InlineData("explain", "unknown command 'explain'; the commands are train, evaluate")]
    [InlineData("evalute", "unknown command 'evalute'; did you mean 'evaluate'?")]
    [InlineData("predcit", "did you mean 'predict'?")]
    public async Task Unknown_verbs_are_named_with_a_suggestion(string verb, string expected)
    {
        string line = Refused(await CliRunner.RunAsync(verb, "--model", "lenet5"), verb);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Required command", line);
    }

    [Theory]
    [InlineData("train", "--epoch", "--epochs")]
    [InlineData("evaluate", "--weight", "--weights")]
    [InlineData("predict", "--topk5", "--topk")]
    [InlineData("train", "--bacth-size", "--batch-size")]
    public async Task Mistyped_options_get_the_closest_option(string verb, string typo, string suggestion)
    {
        string line = Refused(await CliRunner.RunAsync(verb, typo, "3"), typo);
        Assert.Contains($"unknown option '{typo}' for 'modelzoo {verb}'; did you mean '{suggestion}'?", line);
    }

    [Fact]
    public async Task Every_image_decoding_error_exits_2_with_its_reason()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] jpeg = File.ReadAllBytes(RepoPaths.SharedData("images", "cat.jpg"));
        byte[] png = File.ReadAllBytes(RepoPaths.SharedData("images", "cat-and-dog.png"));
        byte[] zeroSize = (byte[])png.Clone();
        Array.Clear(zeroSize, 16, 8);   // width = height = 0; the IHDR CRC no longer matches either
        var cases = new (string Name, byte[] Data, string Reason)[]
        {
            ("cut.jpg", jpeg[..(jpeg.Length / 2)], "truncated file"),
            ("empty.png", [], "empty"),
            ("text.png", "hello"u8.ToArray(), "not a recognised image format"),
            ("crc.png", zeroSize, "CRC-32"),
        };
        foreach ((string name, byte[] data, string reason) in cases)
        {
            File.WriteAllBytes(dir.File(name), data);
            string line = Refused(await Predict(LeNet, dir.File(name)), name);
            Assert.Contains(reason, line);
            Assert.DoesNotContain("ImageDecodeOptions", line);
        }
    }

    [Fact]
    public async Task Mutated_checkpoints_load_or_exit_2_with_one_printable_line()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] original = File.ReadAllBytes(LeNet);
        var random = new Random(1313);
        int refused = 0, crc = 0;
        for (int c = 0; c < 30; c++)
        {
            (byte[] bytes, string what, _, _) = ByteMutator.Mutate(original, random);
            string path = dir.File($"m{c}.pth");
            File.WriteAllBytes(path, bytes);
            var r = await Predict(path, Digit);
            if (r.Exit == 0) continue;
            string line = Refused(r, what);
            refused++;
            if (line.Contains("CRC-32")) crc++;
        }
        Assert.True(refused >= 20, $"{refused} refused");
        Assert.True(crc >= 5, $"{crc} refused by CRC-32");
    }

    [Fact]
    public async Task A_file_whose_first_bytes_are_damaged_is_described_in_hex()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] bytes = File.ReadAllBytes(LeNet);
        bytes[2] = 0;   // "PK\0\x04": no longer a zip signature, so it is read as a TorchSharp .dat
        File.WriteAllBytes(dir.File("head.pth"), bytes);
        string line = Refused(await Predict(dir.File("head.pth"), Digit), "damaged signature");
        Assert.Contains("not a recognised weights file (it starts with 50 4B 00 04", line);
    }

    [Fact]
    public async Task NaN_weights_are_refused_by_name_unless_allowed()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("nan.safetensors");
        using (TensorDict state = WeightFile.ReadStateDict(LeNet))
        {
            using (no_grad()) state["fc2.weight"][5, 5] = tensor(float.NaN);
            Safetensors.Save(path, state);
        }
        string line = Refused(await Predict(path, Digit), "NaN");
        Assert.Contains("'fc2.weight' holds 1 of 10080 values that are NaN or infinite", line);
        var allowed = await Predict(path, Digit, "--allow-nonfinite");
        Assert.True(allowed.Exit == 0, allowed.Err);
    }

    [Fact]
    public async Task Malformed_key_maps_and_conflicting_options_are_usage_errors()
    {
        Assert.Contains("OLD=NEW", Refused(await Predict(LeNet, Digit, "--key-map", "conv1"), "no equals sign"));
        Assert.Contains("not both", Refused(await Predict(LeNet, Digit, "--key-map", "a=b", "--match-by", "position"), "both"));
        string bad = Refused(await Predict(LeNet, Digit, "--match-by", "order"), "bad value");
        Assert.Contains("'order'", bad);
        Assert.Contains("'position'", bad);
    }
}
