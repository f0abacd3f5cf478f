using ModelZoo.Bench;

// ModelZoo benchmarks: dotnet run -c Release --project bench/ModelZoo.Bench -- <command> [options]
string command = args.Length > 0 ? args[0] : "help";
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (int i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
string Get(string name, string fallback) => options.TryGetValue(name, out string? v) ? v : fallback;
int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString()));
if (options.TryGetValue("threads", out string? threads)) TorchSharp.torch.set_num_threads(int.Parse(threads));

switch (command)
{
    case "throughput":
        ThroughputBench.Run(Get("workers", "0,1,2").Split(',').Select(int.Parse).ToArray(), GetInt("images", 256), GetInt("batch", 32), GetInt("repeats", 3), Get("pipeline", "fused"));
        return 0;
    case "train":
        TrainStepBench.Run(Get("model", "resnet18"), GetInt("workers", 2), GetInt("batch", 16), GetInt("steps", 8), GetInt("warmup", 2), Get("pipeline", "fused"));
        return 0;
    case "memory":
        return MemoryBench.Run(GetInt("epochs", 20), GetInt("workers", 2), GetInt("batch", 64));
    case "overhead":
        return OverheadBench.Run(GetInt("repeats", 5), GetInt("batch", 64), Get("data", "cached"));
    case "train-memory":
        return TrainMemoryBench.Run(GetInt("steps", 5000), GetInt("batch", 64));
    case "crc":
        return CheckpointCrcBench.Run(Get("file", "/tmp/modelzoo-crc-500mb.pth"), GetInt("repeats", 5));
    case "transfer":
        return TransferBench.Run(options.GetValueOrDefault("weights"), GetInt("epochs", 5), GetInt("seeds", 3), GetInt("batch", 8));
    case "cam":
        return CamBench.Run(Get("model", "resnet18"), GetInt("size", 224), GetInt("batch", 1), GetInt("rounds", 10), GetInt("scorecam-batch", 32));
    case "cam-memory":
        return CamMemoryBench.Run(Get("model", "resnet18"), GetInt("size", 112), GetInt("calls", 200));
    default:
        Console.WriteLine("""
            ModelZoo.Bench commands (options as --name value):
              throughput  [--workers 0,1,2] [--images 256] [--batch 32] [--repeats 3] [--pipeline fused|tensor] [--threads N]
                          images/s of decode + RandomResizedCrop(224) + flip + normalize + collate over ../shared images
              train       [--model resnet18] [--workers 2] [--batch 16] [--steps 8] [--warmup 2] [--pipeline fused|tensor] [--threads N]
                          the same loader feeding CPU training steps; fraction of step time spent waiting for data
              transfer    [--weights ResNet18.onnx] [--epochs 5] [--seeds 3] [--batch 8]
                          hymenoptera-mini val accuracy: ML.NET's frozen ImageNet ResNet-18 + new head vs the same net from scratch
              memory      [--epochs 20] [--workers 2] [--batch 64]
                          RSS per epoch over MNIST t10k; exit code 1 if any epoch is more than 10% off epoch 1
              overhead    [--repeats 5] [--batch 64] [--data cached|loader] [--threads N]
                          one LeNet-5 epoch through Trainer.Fit vs a hand-written loop (ABBA); exit code 1 if the ratio is > 1.03
              train-memory [--steps 5000] [--batch 64] [--threads N]
                          RSS every 500 steps of a full-recipe LeNet-5 run; exit code 1 if > 5% off the value at step 500
              crc         [--file /tmp/modelzoo-crc-500mb.pth] [--repeats 5]
                          cost of the zip CRC-32 checks as a fraction of loading a torch.save checkpoint
              cam         [--model resnet18] [--size 224] [--batch 1] [--rounds 10] [--scorecam-batch 32] [--threads N]
                          CAM / forward and Grad-CAM / (forward + backward), interleaved; Score-CAM time; exit code 1 over 1.10 / 1.15
              cam-memory  [--model resnet18] [--size 112] [--calls 200]
                          RSS over consecutive Grad-CAM calls and hooks left; exit code 1 beyond 5% or with a hook left
            """);
        return command == "help" ? 0 : 2;
}
