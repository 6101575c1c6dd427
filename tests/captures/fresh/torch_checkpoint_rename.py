"""Training saved the whole model object with torch.save; since then the model class was
renamed (TinyNet -> TinyClassifier) and the evaluation script, which defines only the new
name, loads the old checkpoint. Both halves run in this one script, as two separate steps."""
import os
import sys
import tempfile

import torch
import torch.nn as nn

CKPT = os.path.join(tempfile.gettempdir(), "tinynet-epoch3.pt")

if sys.argv[1:] == ["train"]:
    class TinyNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 2)

        def forward(self, x):
            return self.fc(x)

    torch.save(TinyNet(), CKPT)
else:
    class TinyClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 2)

        def forward(self, x):
            return self.fc(x)

    model = torch.load(CKPT)
    print(model(torch.zeros(1, 4)))
