using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelZoo.Bench.Models;

/// <summary>
/// One long-lived <c>bench/pytorch/bench.py</c> process driven by JSON lines, so PyTorch's measurements interleave with
/// ours row by row without Python's start-up in any timing. The interpreter is --python, else $MODELZOO_PYTHON, else
/// /usr/bin/python3 when present (Debian's PyTorch), else python3 on the PATH.
/// </summary>
internal sealed class PyTorchWorker : IDisposable
{
    private readonly Process _process;

    private PyTorchWorker(Process process, JsonObject hello)
    {
        _process = process;
        Hello = hello;
    }

    /// <summary>The worker's versions and settings (torch, torchvision, threads, mkldnn).</summary>
    public JsonObject Hello { get; }

    public string Python => _process.StartInfo.FileName;

    public static string DefaultPython() =>
        Environment.GetEnvironmentVariable("MODELZOO_PYTHON") is { Length: > 0 } env ? env
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static string Script(string name) => Path.Combine(ModelZoo.Tests.RepoPaths.Root, "bench", "pytorch", name);

    public static PyTorchWorker Start(string python, int threads, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false,
        };
        info.ArgumentList.Add(Script("bench.py"));
        info.ArgumentList.Add("--threads");
        info.ArgumentList.Add(threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {python}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start '{python}' ({ex.Message}): give a Python with torch and torchvision by --python PATH or $MODELZOO_PYTHON.", ex);
        }
        var probe = new PyTorchWorker(process, new JsonObject());
        try
        {
            JsonObject hello = probe.Send(new JsonObject { ["cmd"] = "hello" });
            if (Error(hello) is { } error) throw new InvalidOperationException($"bench.py under '{python}' failed: {error}");
            return new PyTorchWorker(process, hello);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or JsonException)
        {
            probe.Dispose();
            throw new InvalidOperationException(
                $"'{python}' could not run bench/pytorch/bench.py ({ex.Message}): give a Python with torch and torchvision by --python PATH or $MODELZOO_PYTHON.", ex);
        }
    }

    /// <summary>Sends one request and waits for its one-line answer; an "error" answer is returned as it is.</summary>
    public JsonObject Send(JsonObject request)
    {
        _process.StandardInput.WriteLine(request.ToJsonString());
        _process.StandardInput.Flush();
        string? line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"bench.py exited (code {(_process.HasExited ? _process.ExitCode : -1)}) while answering {request.ToJsonString()}.");
        return JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"bench.py answered '{line}'.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine(new JsonObject { ["cmd"] = "quit" }.ToJsonString());
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(10_000)) _process.Kill();
            }
        }
        catch (IOException)
        {
        }
        _process.Dispose();
    }

    internal static double[] Seconds(JsonObject reply) =>
        reply["seconds"] is JsonArray a ? a.Select(x => x!.GetValue<double>()).ToArray() : throw new InvalidDataException(reply.ToJsonString());

    internal static string? Error(JsonObject reply) => reply["error"]?.GetValue<string>();

    internal static JsonSerializerOptions Json { get; } = new() { WriteIndented = true };
}
