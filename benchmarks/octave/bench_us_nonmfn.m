pkg load optim
global N S TARIFFs
mycalculations
LAMBDABAS=double(LAMBDABAS);
load MFNOPTIMALTARIFFBAS
G0=reshape(repmat(MFNOPTIMALTARIFFBAS(:,7)',N-1,1),(N-1)*S,1);
tic;
[T G E W]=myoptimaltariffj(7,TARIFFs,LAMBDABAS,0,10,G0);
printf("seconds %.2f\n", toc);
printf("median %.4f\n", 100*median(T));
printf("welfare %.5f\n", 100*(G(7)-1));
