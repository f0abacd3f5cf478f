namespace ModelZoo.Models;

/// <summary>How fixed-size images are brought to a model's input (see <see cref="InputFit"/>).</summary>
public enum InputFitKind
{
    /// <summary>The images already have the model's input size.</summary>
    Exact,

    /// <summary>Zero-padded around the image (the model needs up to 1.5× the image's size: MNIST's 28 → LeNet's or VGG's 32).</summary>
    Pad,

    /// <summary>Resized (the model needs much larger input: 28 → AlexNet's 63).</summary>
    Resize,
}
