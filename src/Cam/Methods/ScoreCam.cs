namespace ModelZoo.Cam.Methods;

/// <summary>
/// Score-CAM (Wang et al. 2020), gradient-free: each channel A_k, bilinearly upsampled to the input size and min–max
/// normalised (a constant channel gives an all-zero mask), masks the input; the softmax probability of the target class
/// on the masked input is the channel's weight; map = Σ_k w_k A_k. The masked images run through the model in batches
/// of <see cref="CamOptions.ScoreCamBatchSize"/> (K forward images per input image: 512 for a ResNet-18's layer4).
/// </summary>
public sealed class ScoreCam(ImageClassifier model, CamOptions? options = null) : CamBase(model, options)
{
    public override string Name => "scorecam";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor a = layer.Activations;
        long n = a.shape[0], k = a.shape[1], height = layer.Input.shape[2], width = layer.Input.shape[3];
        long[] classes = layer.Classes.cpu().data<long>().ToArray();
        int batch = Options.ScoreCamBatchSize;
        Tensor weights = torch.empty(new[] { n, k }, dtype: ScalarType.Float32, device: a.device);
        for (long i = 0; i < n; i++)
        {
            Tensor image = layer.Input.select(0, i).unsqueeze(0);
            for (long start = 0; start < k; start += batch)
            {
                layer.CancellationToken.ThrowIfCancellationRequested();
                using var step = torch.NewDisposeScope();
                long count = Math.Min(batch, k - start);
                Tensor masks = Normalize(Upsample(a.select(0, i).narrow(0, start, count), height, width));   // [b, H, W]
                Tensor masked = image * masks.unsqueeze(1).to(image.dtype);                                 // [b, C, H, W]
                Tensor probability = Model.call(masked).softmax(1).select(1, classes[i]);
                weights.select(0, i).narrow(0, start, count).copy_(probability.to(ScalarType.Float32));
            }
        }
        return (weights.to(a.dtype).unsqueeze(2).unsqueeze(3) * a).sum(1);
    }
}
