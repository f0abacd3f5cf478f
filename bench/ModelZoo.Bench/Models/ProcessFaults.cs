namespace ModelZoo.Bench.Models;

/// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat): each is a fresh page the kernel had
/// to map and zero, so a step that allocates its activations anew shows up here even on a noisy machine.</summary>
internal static class ProcessFaults
{
    public static long Minor()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat)) return 0;
        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.TryParse(fields[7], out long v) ? v : 0;   // fields after "pid (comm) ": state is [0], minflt is [7]
    }
}
