using System.Text.Json.Nodes;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// A callback whose state travels in training checkpoints (e.g. an early-stopping counter): <see cref="SaveState"/>
/// is called when a checkpoint is written, <see cref="LoadState"/> before training resumes from one.
/// </summary>
public interface IStatefulCallback : ITrainerCallback
{
    /// <summary>Unique key of this callback's state in the checkpoint.</summary>
    string StateKey { get; }

    JsonNode? SaveState();

    void LoadState(JsonNode? state);
}
