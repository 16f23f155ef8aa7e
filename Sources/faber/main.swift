import FaberCLI

await FaberMain.main()
