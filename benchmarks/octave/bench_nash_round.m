pkg load optim
global N S TARIFFs
mycalculations
LAMBDABAS=double(LAMBDABAS);
load MFNOPTIMALTARIFFBAS
T0=zeros(N,N,S);
for j=1:N
  TEMP=repmat(reshape(MFNOPTIMALTARIFFBAS(:,j),[1,1,S]),[N-1,1,1]);
  T0(:,j,:)=[TEMP(1:j-1,:,:);zeros(1,1,S);TEMP(j:end,:,:)];
end
tic;
for j=1:N
  Tj=mymfnoptimaltariffj(j,T0,LAMBDABAS,0,10,MFNOPTIMALTARIFFBAS(:,j));
  printf("player %d done at %.1f s\n", j, toc); fflush(stdout);
end
printf("seconds %.2f\n", toc);
