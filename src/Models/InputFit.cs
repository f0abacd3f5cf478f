namespace ModelZoo.Models;

/// <summary>
/// The one rule for bringing images to a model's input, shared by training, evaluation and prediction: fixed-size images
/// (MNIST's 28×28) go to the model's fixed input, else to at least its minimum size, padded when that is at most 1.5×
/// the image and resized beyond; images of varying size are resized and center-cropped to a square side
/// (<see cref="SquareSide"/>, after a shorter-side resize to <see cref="ResizeBeforeCrop"/>).
/// </summary>
/// <param name="Height">Target height.</param>
/// <param name="Width">Target width.</param>
/// <param name="Kind">Whether the images are kept, padded or resized to the target.</param>
public sealed record InputFit(int Height, int Width, InputFitKind Kind)
{
    /// <summary>The fit of <paramref name="height"/> × <paramref name="width"/> images to <paramref name="model"/>. Throws an
    /// <see cref="ArgumentException"/> when the model takes smaller images than these (they would have to be cropped).</summary>
    public static InputFit ForFixedSize(ImageClassifier model, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        int targetH = model.FixedInputSize?.Height ?? Math.Max(height, model.MinInputSize);
        int targetW = model.FixedInputSize?.Width ?? Math.Max(width, model.MinInputSize);
        if (targetH < height || targetW < width)
            throw new ArgumentException($"{model.GetName()} takes {targetH}x{targetW} input but the images are {height}x{width}.");
        InputFitKind kind = targetH > height * 3 / 2 || targetW > width * 3 / 2 ? InputFitKind.Resize
            : targetH != height || targetW != width ? InputFitKind.Pad
            : InputFitKind.Exact;
        return new InputFit(targetH, targetW, kind);
    }

    /// <summary>The square side images of varying size are cropped to for <paramref name="model"/>: its fixed input, else
    /// <paramref name="preferredSize"/> (the architecture's usual input, <see cref="ModelEntry.DefaultImageSize"/>) but at
    /// least its minimum size.</summary>
    public static int SquareSide(ImageClassifier model, int preferredSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.FixedInputSize?.Height ?? Math.Max(preferredSize, model.MinInputSize);
    }

    /// <summary>The shorter-side resize before a center crop of <paramref name="cropSide"/> in evaluation: torchvision's
    /// classic 256 for 224, the same ratio at other sizes.</summary>
    public static int ResizeBeforeCrop(int cropSide) => cropSide * 256 / 224;
}
