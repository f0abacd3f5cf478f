namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>The contents of an IDX file (MNIST's format): unsigned-byte data with its dimensions.</summary>
public sealed record IdxFile(int[] Dimensions, byte[] Data)
{
    public int Count => Dimensions[0];
}
