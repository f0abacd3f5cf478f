using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Onnx.Import;

/// <summary>An ONNX graph's weights do not fit the model (missing, unexpected or shape-mismatched tensors); nothing was
/// written (an <see cref="ArgumentException"/>: the weights argument does not fit). The message is one line naming the first problem of each kind; <see cref="Result"/> lists them all.</summary>
public sealed class OnnxImportException : ArgumentException
{
    public OnnxImportException(string message, LoadResult result) : base(message)
    {
        Result = result;
    }

    public LoadResult Result { get; }
}
