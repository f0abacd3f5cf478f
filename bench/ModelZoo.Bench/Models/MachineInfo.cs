using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelZoo.Bench.Models;

/// <summary>
/// The CPU as /proc/cpuinfo (and cpufreq, when the VM exposes it) describes it, and its float32 FMA peak
/// = cores × FMA units × SIMD float32 lanes × 2 FLOP × clock. Lanes come from the flags (avx512f: 16, avx2 + fma: 8,
/// else sse: 4); FMA units per core from the vendor and model (AMD Zen 2–4: two 256-bit pipes, counted as 2 units of 8
/// lanes, so Zen 4's AVX-512 is 2 × 8 too; Intel AVX-512 Xeon Silver/Bronze and client parts: 1; other AVX-512 Xeons and AVX2 cores: 2);
/// the clock from cpuinfo_max_freq, else the GHz in the model name, else "cpu MHz". Every choice is written into
/// <see cref="PeakDerivation"/>, and --fma-units / --clock-ghz override them.
/// </summary>
internal sealed record MachineInfo(string ModelName, string Vendor, int CpuFamily, int LogicalCpus, string[] Flags,
    int Lanes, int FmaUnits, double ClockGhz, string ClockSource, string UnitsReason)
{
    public bool HasNativeBf16 => Flags.Contains("avx512_bf16") || Flags.Contains("amx_bf16");

    /// <summary>FLOP per cycle per core (2 per FMA lane).</summary>
    public int FlopPerCycle => 2 * Lanes * FmaUnits;

    public double PeakGflops(int cores) => cores * FlopPerCycle * ClockGhz;

    public string PeakDerivation(int cores) => string.Create(CultureInfo.InvariantCulture,
        $"{cores} core(s) × {FmaUnits} FMA unit(s) ({UnitsReason}) × {Lanes} fp32 lanes ({LanesReason}) × 2 FLOP × {ClockGhz:F2} GHz ({ClockSource}) = {PeakGflops(cores):F1} GFLOP/s");

    private string LanesReason => Lanes switch { 16 => "avx512f", 8 => "avx2+fma", _ => "sse" };

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{ModelName} ({Vendor}, family {CpuFamily}), {LogicalCpus} logical CPU(s); SIMD flags: {string.Join(' ', Flags.Where(IsSimdFlag))}; " +
        $"native bf16: {(HasNativeBf16 ? "yes" : "no (bf16 runs on emulated kernels)")}");

    private static bool IsSimdFlag(string f) => f is "avx" or "avx2" or "fma" || f.StartsWith("avx512", StringComparison.Ordinal) || f.StartsWith("amx", StringComparison.Ordinal);

    public static MachineInfo Detect(int? fmaUnitsOverride = null, double? clockOverride = null)
    {
        string[] lines = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : Array.Empty<string>();
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(':'))?.Split(':', 2)[1].Trim() ?? "";
        string model = Field("model name") is { Length: > 0 } m ? m : "unknown CPU";
        string vendor = Field("vendor_id");
        int family = int.TryParse(Field("cpu family"), out int f) ? f : 0;
        string[] flags = Field("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int lanes = flags.Contains("avx512f") ? 16 : flags.Contains("avx2") && flags.Contains("fma") ? 8 : 4;

        (int units, string reason) = (vendor, lanes) switch
        {
            ("AuthenticAMD", 16) => (2, "AMD Zen 4 runs AVX-512 on two 256-bit pipes: counted as 2 × 8 lanes"),
            ("AuthenticAMD", _) when family >= 23 => (2, "AMD Zen 2/3: two 256-bit FMA pipes"),
            ("GenuineIntel", 16) when Regex.IsMatch(model, "Silver|Bronze|Core|i[3579]-", RegexOptions.IgnoreCase) => (1, "Intel AVX-512 part with one 512-bit FMA unit"),
            ("GenuineIntel", 16) => (2, "Intel Xeon with two 512-bit FMA units"),
            (_, 8) => (2, "AVX2 core with two FMA units"),
            _ => (1, "assumed"),
        };
        if (lanes == 16 && vendor == "AuthenticAMD") lanes = 8;
        if (fmaUnitsOverride is { } u) (units, reason) = (u, "--fma-units");

        (double ghz, string source) = ReadClock(model, Field("cpu MHz"));
        if (clockOverride is { } c) (ghz, source) = (c, "--clock-ghz");
        return new MachineInfo(model, vendor, family, Environment.ProcessorCount, flags, lanes, units, ghz, source, reason);
    }

    private static (double Ghz, string Source) ReadClock(string model, string cpuMhz)
    {
        const string maxFreq = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq";
        if (File.Exists(maxFreq) && double.TryParse(File.ReadAllText(maxFreq).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double khz))
            return (khz / 1e6, "cpuinfo_max_freq");
        Match named = Regex.Match(model, @"([0-9]+(?:\.[0-9]+)?)\s*GHz", RegexOptions.IgnoreCase);
        if (named.Success) return (double.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture), "model name");
        if (double.TryParse(cpuMhz, NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz))
            return (mhz / 1000, "'cpu MHz' in /proc/cpuinfo: the nominal clock the VM reports, not a turbo maximum");
        return (1.0, "unknown: assumed 1 GHz");
    }
}
