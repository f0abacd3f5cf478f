using ModelZoo.Core;
using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.Download;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Cli;

/// <summary>
/// The one mapping from an exception to the CLI's exit code and its one printable line: bad input (arguments, files
/// that cannot be decoded or do not fit the model, unsafe checkpoints) exits <see cref="CliApp.UsageError"/> (2); a
/// failure of the environment (network, permissions, I/O) exits <see cref="CliApp.Failure"/> (1); cancellation 130.
/// </summary>
internal static class CliErrors
{
    public const int Cancelled = 130;

    public static int ExitCode(Exception ex) => ex switch
    {
        OperationCanceledException => Cancelled,
        ImageDecodeException or SampleLoadException or UnsafeCheckpointException or UnsafeArchiveEntryException => CliApp.UsageError,
        StateDictLoadException => CliApp.UsageError,
        ArgumentException or FormatException or KeyNotFoundException or FileNotFoundException or DirectoryNotFoundException
            or InvalidDataException or NotSupportedException => CliApp.UsageError,
        _ => CliApp.Failure,
    };

    /// <summary>The message as one line with no control characters (anything a file smuggled into it is escaped).</summary>
    public static string OneLine(Exception ex)
    {
        if (ex is OperationCanceledException) return "cancelled";
        string message = ex is KeyNotFoundException && ex.Message.StartsWith('\'') ? ex.Message.Trim('\'') : ex.Message;
        if (ex is ArgumentOutOfRangeException { ActualValue: { } actual })   // .NET appends the value the message already names
            message = message.Replace($"{Environment.NewLine}Actual value was {actual}.", "");
        if (ex is ArgumentException { ParamName: { } name }) message = message.Replace($" (Parameter '{name}')", "");
        message = message.ReplaceLineEndings(" ").Replace('\t', ' ');
        int frames = message.IndexOf(" Exception raised from ", StringComparison.Ordinal);   // libtorch appends its C++ stack
        if (frames > 0) message = message[..frames].TrimEnd();
        bool known = ex is IOException or ArgumentException or FormatException or KeyNotFoundException or InvalidDataException
            or NotSupportedException or InvalidOperationException or UnauthorizedAccessException or HttpRequestException;
        return PrintableText.Escape(known ? message : $"unexpected {ex.GetType().Name}: {message} (MODELZOO_DEBUG=1 shows where)", int.MaxValue);
    }
}
