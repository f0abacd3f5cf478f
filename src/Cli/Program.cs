using ModelZoo.Cli;

ModelZoo.Models.Runtime.NativeHeap.KeepFreedMemory();   // reuse freed tensor memory instead of page-faulting it in again every step
return await CliApp.RunAsync(args, Console.Out, Console.Error);
